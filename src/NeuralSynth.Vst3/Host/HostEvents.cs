using NeuralSynth.Vst3.Abi;

namespace NeuralSynth.Vst3.Host;

/// <summary>Reads a host's IEventList (getEventCount, getEvent, addEvent).</summary>
internal static unsafe class EventList
{
    public static int Count(IntPtr list) =>
        list == IntPtr.Zero ? 0 : ((delegate* unmanaged<IntPtr, int>)Unknown.Vtable(list)[3])(list);

    public static bool Get(IntPtr list, int index, out Event e)
    {
        Event value = default;
        int status = ((delegate* unmanaged<IntPtr, int, Event*, int>)Unknown.Vtable(list)[4])(list, index, &value);
        e = value;
        return status == TResult.Ok;
    }

    /// <summary>addEvent: the host copies the event. Audio thread: no allocation.</summary>
    public static bool Add(IntPtr list, in Event e)
    {
        if (list == IntPtr.Zero) return false;
        Event value = e;
        return ((delegate* unmanaged<IntPtr, Event*, int>)Unknown.Vtable(list)[5])(list, &value) == TResult.Ok;
    }
}

/// <summary>Reads a host's IParameterChanges (getParameterCount, getParameterData, addParameterData).</summary>
internal static unsafe class ParameterChanges
{
    public static int Count(IntPtr changes) =>
        changes == IntPtr.Zero ? 0 : ((delegate* unmanaged<IntPtr, int>)Unknown.Vtable(changes)[3])(changes);

    public static IntPtr Queue(IntPtr changes, int index) =>
        ((delegate* unmanaged<IntPtr, int, IntPtr>)Unknown.Vtable(changes)[4])(changes, index);
}

/// <summary>Reads a host's IParamValueQueue (getParameterId, getPointCount, getPoint, addPoint).</summary>
internal static unsafe class ParamValueQueue
{
    public static uint Id(IntPtr queue) => ((delegate* unmanaged<IntPtr, uint>)Unknown.Vtable(queue)[3])(queue);

    public static int PointCount(IntPtr queue) => ((delegate* unmanaged<IntPtr, int>)Unknown.Vtable(queue)[4])(queue);

    public static bool Point(IntPtr queue, int index, out int sampleOffset, out double value)
    {
        int offset = 0;
        double v = 0;
        int status = ((delegate* unmanaged<IntPtr, int, int*, double*, int>)Unknown.Vtable(queue)[5])(queue, index, &offset, &v);
        sampleOffset = offset;
        value = v;
        return status == TResult.Ok;
    }
}
