using NeuralSynth.Vst3.Abi;

namespace NeuralSynth.Vst3.Host;

/// <summary>IComponentHandler: beginEdit, performEdit, endEdit, restartComponent.</summary>
internal static unsafe class ComponentHandler
{
    public static int BeginEdit(IntPtr handler, uint id) =>
        ((delegate* unmanaged<IntPtr, uint, int>)Unknown.Vtable(handler)[3])(handler, id);

    public static int PerformEdit(IntPtr handler, uint id, double normalized) =>
        ((delegate* unmanaged<IntPtr, uint, double, int>)Unknown.Vtable(handler)[4])(handler, id, normalized);

    public static int EndEdit(IntPtr handler, uint id) =>
        ((delegate* unmanaged<IntPtr, uint, int>)Unknown.Vtable(handler)[5])(handler, id);

    public static int RestartComponent(IntPtr handler, int flags) =>
        ((delegate* unmanaged<IntPtr, int, int>)Unknown.Vtable(handler)[6])(handler, flags);
}

/// <summary>IHostApplication: getName, createInstance.</summary>
internal static unsafe class HostApplication
{
    /// <summary>A new host object implementing <paramref name="iid"/> (e.g. an IMessage), or zero.</summary>
    public static IntPtr CreateInstance(IntPtr host, in Tuid iid)
    {
        IntPtr result = IntPtr.Zero;
        Tuid cid = iid, id = iid;
        int status = ((delegate* unmanaged<IntPtr, void*, void*, void**, int>)Unknown.Vtable(host)[4])(host, &cid, &id, (void**)&result);
        return status == TResult.Ok ? result : IntPtr.Zero;
    }
}

/// <summary>IMessage (getMessageID, setMessageID, getAttributes) and IAttributeList's integer accessors.</summary>
internal static unsafe class Message
{
    public static string? Id(IntPtr message) =>
        Strings.ReadUtf8(((delegate* unmanaged<IntPtr, byte*>)Unknown.Vtable(message)[3])(message), 256);

    public static void SetId(IntPtr message, byte* id) =>
        ((delegate* unmanaged<IntPtr, byte*, void>)Unknown.Vtable(message)[4])(message, id);

    public static IntPtr Attributes(IntPtr message) =>
        ((delegate* unmanaged<IntPtr, IntPtr>)Unknown.Vtable(message)[5])(message);

    public static bool SetInt(IntPtr attributes, byte* id, long value) =>
        ((delegate* unmanaged<IntPtr, byte*, long, int>)Unknown.Vtable(attributes)[3])(attributes, id, value) == TResult.Ok;

    public static bool GetInt(IntPtr attributes, byte* id, out long value)
    {
        long v = 0;
        bool ok = ((delegate* unmanaged<IntPtr, byte*, long*, int>)Unknown.Vtable(attributes)[4])(attributes, id, &v) == TResult.Ok;
        value = v;
        return ok;
    }
}

/// <summary>IConnectionPoint on a host proxy: connect, disconnect, notify.</summary>
internal static unsafe class ConnectionPoint
{
    public static int Notify(IntPtr point, IntPtr message) =>
        ((delegate* unmanaged<IntPtr, IntPtr, int>)Unknown.Vtable(point)[5])(point, message);
}
