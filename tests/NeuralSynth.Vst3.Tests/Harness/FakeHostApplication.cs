using System.Runtime.InteropServices;
using NeuralSynth.Vst3.Abi;
using NeuralSynth.Vst3.Com;

namespace NeuralSynth.Vst3.Tests.Harness;

/// <summary>A host context (IHostApplication) whose createInstance makes messages, as hosts that proxy connections do.</summary>
internal sealed unsafe class FakeHostApplication : ComObject
{
    private static readonly IntPtr HostVtable = VtableBuilder.Create(VtableBuilder.WithUnknown(
        (IntPtr)(delegate* unmanaged<IntPtr, char*, int>)&GetName,
        (IntPtr)(delegate* unmanaged<IntPtr, void*, void*, void**, int>)&CreateInstance));

    public FakeHostApplication() : base([HostVtable], [(Iids.HostApplication, 0)]) { }

    public IntPtr Pointer => Slot(0);

    [UnmanagedCallersOnly]
    private static int GetName(IntPtr self, char* name)
    {
        Strings.WriteUtf16(name, 128, "Fake host");
        return TResult.Ok;
    }

    [UnmanagedCallersOnly]
    private static int CreateInstance(IntPtr self, void* cid, void* iid, void** result)
    {
        *result = null;
        if (Tuid.Read(iid) != Iids.Message) return TResult.NoInterface;
        *result = (void*)new FakeMessage().Slot(0);
        return TResult.Ok;
    }
}

/// <summary>IMessage with an IAttributeList that stores integers.</summary>
internal sealed unsafe class FakeMessage : ComObject
{
    private static readonly IntPtr MessageVtable = VtableBuilder.Create(VtableBuilder.WithUnknown(
        (IntPtr)(delegate* unmanaged<IntPtr, byte*>)&GetId,
        (IntPtr)(delegate* unmanaged<IntPtr, byte*, void>)&SetId,
        (IntPtr)(delegate* unmanaged<IntPtr, IntPtr>)&GetAttributes));

    private static readonly IntPtr AttributesVtable = VtableBuilder.Create(VtableBuilder.WithUnknown(
        (IntPtr)(delegate* unmanaged<IntPtr, byte*, long, int>)&SetInt,
        (IntPtr)(delegate* unmanaged<IntPtr, byte*, long*, int>)&GetInt));

    private byte* _id;

    public FakeMessage() : base([MessageVtable, AttributesVtable], [(Iids.Message, 0), (Iids.AttributeList, 1)]) { }

    public Dictionary<string, long> Integers { get; } = [];

    protected override void OnFinalRelease()
    {
        if (_id != null) NativeMemory.Free(_id);
    }

    [UnmanagedCallersOnly]
    private static byte* GetId(IntPtr self) => FromSlot<FakeMessage>(self)._id;

    [UnmanagedCallersOnly]
    private static void SetId(IntPtr self, byte* id)
    {
        var message = FromSlot<FakeMessage>(self);
        if (message._id != null) NativeMemory.Free(message._id);
        message._id = Strings.AllocUtf8(Strings.ReadUtf8(id) ?? "");
    }

    // The attribute list is the message's second slot: a borrowed pointer, as the SDK's getAttributes returns.
    [UnmanagedCallersOnly]
    private static IntPtr GetAttributes(IntPtr self) => FromSlot<FakeMessage>(self).Slot(1);

    [UnmanagedCallersOnly]
    private static int SetInt(IntPtr self, byte* id, long value)
    {
        FromSlot<FakeMessage>(self).Integers[Strings.ReadUtf8(id)!] = value;
        return TResult.Ok;
    }

    [UnmanagedCallersOnly]
    private static int GetInt(IntPtr self, byte* id, long* value)
    {
        if (!FromSlot<FakeMessage>(self).Integers.TryGetValue(Strings.ReadUtf8(id)!, out long v)) return TResult.False;
        *value = v;
        return TResult.Ok;
    }
}

/// <summary>A host's connection proxy: an IConnectionPoint that forwards notify to the real peer.</summary>
internal sealed unsafe class FakeConnectionProxy : ComObject
{
    private static readonly IntPtr ProxyVtable = VtableBuilder.Create(VtableBuilder.WithUnknown(
        (IntPtr)(delegate* unmanaged<IntPtr, IntPtr, int>)&Connect,
        (IntPtr)(delegate* unmanaged<IntPtr, IntPtr, int>)&Disconnect,
        (IntPtr)(delegate* unmanaged<IntPtr, IntPtr, int>)&Notify));

    private readonly IntPtr _target;

    public FakeConnectionProxy(IntPtr target) : base([ProxyVtable], [(Iids.ConnectionPoint, 0)]) => _target = target;

    public IntPtr Pointer => Slot(0);
    public int Forwarded { get; private set; }

    [UnmanagedCallersOnly]
    private static int Connect(IntPtr self, IntPtr other) => TResult.Ok;

    [UnmanagedCallersOnly]
    private static int Disconnect(IntPtr self, IntPtr other) => TResult.Ok;

    [UnmanagedCallersOnly]
    private static int Notify(IntPtr self, IntPtr message)
    {
        var proxy = FromSlot<FakeConnectionProxy>(self);
        proxy.Forwarded++;
        return ((delegate* unmanaged<IntPtr, IntPtr, int>)Vtable.Entry(proxy._target, 5))(proxy._target, message);
    }
}
