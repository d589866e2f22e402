using NeuralSynth.Vst3.Abi;
using NeuralSynth.Vst3.Plugin;

namespace NeuralSynth.Vst3.Tests.Harness;

/// <summary>The module's factory, reached through the exported GetPluginFactory like a host reaches it.</summary>
internal sealed unsafe class Factory : IDisposable
{
    public Factory()
    {
        Pointer = ((delegate* unmanaged<IntPtr>)&Exports.GetPluginFactory)();
        Assert.NotEqual(IntPtr.Zero, Pointer);
    }

    public IntPtr Pointer { get; }

    public int CountClasses => ((delegate* unmanaged<IntPtr, int>)Vtable.Entry(Pointer, 4))(Pointer);

    public int GetClassInfo(int index, out PClassInfo info)
    {
        PClassInfo value;
        int status = ((delegate* unmanaged<IntPtr, int, PClassInfo*, int>)Vtable.Entry(Pointer, 5))(Pointer, index, &value);
        info = value;
        return status;
    }

    public int GetClassInfo2(int index, out PClassInfo2 info)
    {
        PClassInfo2 value;
        int status = ((delegate* unmanaged<IntPtr, int, PClassInfo2*, int>)Vtable.Entry(Pointer, 7))(Pointer, index, &value);
        info = value;
        return status;
    }

    public int GetClassInfoUnicode(int index, out PClassInfoW info)
    {
        PClassInfoW value;
        int status = ((delegate* unmanaged<IntPtr, int, PClassInfoW*, int>)Vtable.Entry(Pointer, 8))(Pointer, index, &value);
        info = value;
        return status;
    }

    public int CreateInstance(Tuid cid, Tuid iid, out IntPtr instance)
    {
        IntPtr value = IntPtr.Zero;
        int status = ((delegate* unmanaged<IntPtr, void*, void*, void**, int>)Vtable.Entry(Pointer, 6))(Pointer, &cid, &iid, (void**)&value);
        instance = value;
        return status;
    }

    public IntPtr Create(Tuid cid, Tuid iid)
    {
        Assert.Equal(TResult.Ok, CreateInstance(cid, iid, out IntPtr instance));
        return instance;
    }

    public void Dispose() => Vtable.Release(Pointer);
}
