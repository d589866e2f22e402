using System.Runtime.InteropServices;
using NeuralSynth.Vst3.Abi;
using NeuralSynth.Vst3.Com;

namespace NeuralSynth.Vst3.Tests.Harness;

/// <summary>A host-side IParameterChanges holding one IParamValueQueue per parameter.</summary>
internal sealed unsafe class FakeParameterChanges : ComObject
{
    private static readonly IntPtr ChangesVtable = VtableBuilder.Create(VtableBuilder.WithUnknown(
        (IntPtr)(delegate* unmanaged<IntPtr, int>)&Count,
        (IntPtr)(delegate* unmanaged<IntPtr, int, IntPtr>)&GetData,
        (IntPtr)(delegate* unmanaged<IntPtr, uint*, int*, IntPtr>)&AddData));

    public FakeParameterChanges() : base([ChangesVtable], [(Iids.ParameterChanges, 0)]) { }

    public List<FakeParamQueue> Queues { get; } = [];
    public IntPtr Pointer => Slot(0);

    /// <summary>Adds a point (sample offset, normalized value) to the queue of <paramref name="id"/>.</summary>
    public FakeParameterChanges Point(uint id, int offset, double normalized)
    {
        var queue = Queues.Find(q => q.Id == id);
        if (queue == null)
        {
            queue = new FakeParamQueue(id);
            Queues.Add(queue);
        }
        queue.Points.Add((offset, normalized));
        return this;
    }

    protected override void OnFinalRelease()
    {
        foreach (var q in Queues) q.Release();
    }

    [UnmanagedCallersOnly]
    private static int Count(IntPtr self) => FromSlot<FakeParameterChanges>(self).Queues.Count;

    [UnmanagedCallersOnly]
    private static IntPtr GetData(IntPtr self, int index)
    {
        var queues = FromSlot<FakeParameterChanges>(self).Queues;
        return index >= 0 && index < queues.Count ? queues[index].Pointer : IntPtr.Zero;
    }

    [UnmanagedCallersOnly]
    private static IntPtr AddData(IntPtr self, uint* id, int* index) => IntPtr.Zero;
}

/// <summary>A host-side IParamValueQueue.</summary>
internal sealed unsafe class FakeParamQueue : ComObject
{
    private static readonly IntPtr QueueVtable = VtableBuilder.Create(VtableBuilder.WithUnknown(
        (IntPtr)(delegate* unmanaged<IntPtr, uint>)&GetId,
        (IntPtr)(delegate* unmanaged<IntPtr, int>)&Count,
        (IntPtr)(delegate* unmanaged<IntPtr, int, int*, double*, int>)&GetPoint,
        (IntPtr)(delegate* unmanaged<IntPtr, int, double, int*, int>)&AddPoint));

    public FakeParamQueue(uint id) : base([QueueVtable], [(Iids.ParamValueQueue, 0)]) => Id = id;

    public uint Id { get; }
    public List<(int Offset, double Value)> Points { get; } = [];
    public IntPtr Pointer => Slot(0);

    [UnmanagedCallersOnly]
    private static uint GetId(IntPtr self) => FromSlot<FakeParamQueue>(self).Id;

    [UnmanagedCallersOnly]
    private static int Count(IntPtr self) => FromSlot<FakeParamQueue>(self).Points.Count;

    [UnmanagedCallersOnly]
    private static int GetPoint(IntPtr self, int index, int* offset, double* value)
    {
        var points = FromSlot<FakeParamQueue>(self).Points;
        if (index < 0 || index >= points.Count) return TResult.InvalidArgument;
        (*offset, *value) = points[index];
        return TResult.Ok;
    }

    [UnmanagedCallersOnly]
    private static int AddPoint(IntPtr self, int offset, double value, int* index) => TResult.False;
}
