using NeuralSynth.Vst3.Abi;

namespace NeuralSynth.Vst3.Host;

/// <summary>Calls FUnknown's methods on an object that belongs to the host.</summary>
internal static unsafe class Unknown
{
    public static IntPtr* Vtable(IntPtr self) => *(IntPtr**)self;

    public static uint AddRef(IntPtr self) =>
        self == IntPtr.Zero ? 0 : ((delegate* unmanaged<IntPtr, uint>)Vtable(self)[1])(self);

    public static uint Release(IntPtr self) =>
        self == IntPtr.Zero ? 0 : ((delegate* unmanaged<IntPtr, uint>)Vtable(self)[2])(self);

    /// <summary>The interface <paramref name="iid"/> of a host object (with a reference the caller owns), or zero.</summary>
    public static IntPtr Query(IntPtr self, in Tuid iid)
    {
        if (self == IntPtr.Zero) return IntPtr.Zero;
        IntPtr result = IntPtr.Zero;
        Tuid id = iid;
        int status = ((delegate* unmanaged<IntPtr, void*, void**, int>)Vtable(self)[0])(self, &id, (void**)&result);
        return status == TResult.Ok ? result : IntPtr.Zero;
    }
}
