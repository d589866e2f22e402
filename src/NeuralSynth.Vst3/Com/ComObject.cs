using System.Runtime.InteropServices;
using NeuralSynth.Vst3.Abi;

namespace NeuralSynth.Vst3.Com;

/// <summary>
/// A managed object seen by the host as a COM-style object. Each interface it implements is one slot in a
/// native memory block: the slot's first pointer is that interface's vtable, the second a GCHandle back to
/// this object. Hosts pass a slot pointer as "this"; <see cref="FromSlot{T}"/> recovers the object. All slots
/// share one reference count; the final Release frees the handle and the block, after which the object is
/// garbage like any other.
/// </summary>
internal abstract unsafe class ComObject
{
    private const int SlotSize = 2; // pointers per slot: vtable, GCHandle
    private readonly (Tuid Iid, int Slot)[] _interfaces;
    private readonly IntPtr* _block;
    private GCHandle _handle;
    private int _references = 1;

    /// <param name="vtables">One vtable per slot.</param>
    /// <param name="interfaces">Every interface id the object answers, with the slot that implements it
    /// (derived interfaces list their bases too). FUnknown is answered by slot 0.</param>
    protected ComObject(IntPtr[] vtables, (Tuid Iid, int Slot)[] interfaces)
    {
        _interfaces = interfaces;
        _handle = GCHandle.Alloc(this);
        _block = (IntPtr*)NativeMemory.AllocZeroed((nuint)(vtables.Length * SlotSize * sizeof(IntPtr)));
        for (int i = 0; i < vtables.Length; i++)
        {
            _block[i * SlotSize] = vtables[i];
            _block[i * SlotSize + 1] = GCHandle.ToIntPtr(_handle);
        }
    }

    /// <summary>The interface pointer of slot <paramref name="slot"/>.</summary>
    public IntPtr Slot(int slot) => (IntPtr)(_block + slot * SlotSize);

    public int ReferenceCount => Volatile.Read(ref _references);

    public static T FromSlot<T>(IntPtr self) where T : class
    {
        if (self == IntPtr.Zero) throw new ArgumentNullException(nameof(self));
        return (T)GCHandle.FromIntPtr(((IntPtr*)self)[1]).Target!;
    }

    /// <summary>True when <paramref name="pointer"/> is an interface of an object of this module with <paramref name="vtable"/>.</summary>
    public static bool HasVtable(IntPtr pointer, IntPtr vtable) => pointer != IntPtr.Zero && *(IntPtr*)pointer == vtable;

    public int QueryInterface(void* iid, void** result)
    {
        if (result == null) return TResult.InvalidArgument;
        *result = null;
        if (iid == null) return TResult.InvalidArgument;
        var wanted = Tuid.Read(iid);
        if (wanted == Iids.FUnknown)
        {
            AddRef();
            *result = (void*)Slot(0);
            return TResult.Ok;
        }
        foreach (var (id, slot) in _interfaces)
        {
            if (id != wanted) continue;
            AddRef();
            *result = (void*)Slot(slot);
            return TResult.Ok;
        }
        return TResult.NoInterface;
    }

    public uint AddRef() => (uint)Interlocked.Increment(ref _references);

    public uint Release()
    {
        int remaining = Interlocked.Decrement(ref _references);
        if (remaining == 0)
        {
            try
            {
                OnFinalRelease();
            }
            finally
            {
                _handle.Free();
                NativeMemory.Free(_block);
            }
        }
        return (uint)Math.Max(remaining, 0);
    }

    /// <summary>Runs once, when the host drops its last reference: release everything held from the host.</summary>
    protected virtual void OnFinalRelease() { }
}
