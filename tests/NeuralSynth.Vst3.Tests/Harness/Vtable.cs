namespace NeuralSynth.Vst3.Tests.Harness;

/// <summary>Reads function pointers out of an interface's vtable, as a C++ host's virtual call does.</summary>
internal static unsafe class Vtable
{
    public static IntPtr Entry(IntPtr self, int index)
    {
        Assert.NotEqual(IntPtr.Zero, self);
        return (*(IntPtr**)self)[index];
    }

    public static uint AddRef(IntPtr self) => ((delegate* unmanaged<IntPtr, uint>)Entry(self, 1))(self);

    public static uint Release(IntPtr self) => ((delegate* unmanaged<IntPtr, uint>)Entry(self, 2))(self);

    public static int Query(IntPtr self, Abi.Tuid iid, out IntPtr result)
    {
        IntPtr value = IntPtr.Zero;
        int status = ((delegate* unmanaged<IntPtr, void*, void**, int>)Entry(self, 0))(self, &iid, (void**)&value);
        result = value;
        return status;
    }

    public static IntPtr Require(IntPtr self, Abi.Tuid iid)
    {
        Assert.Equal(Abi.TResult.Ok, Query(self, iid, out IntPtr result));
        Assert.NotEqual(IntPtr.Zero, result);
        return result;
    }
}
