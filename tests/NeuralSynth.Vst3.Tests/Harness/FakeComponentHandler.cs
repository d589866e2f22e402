using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using NeuralSynth.Vst3.Abi;
using NeuralSynth.Vst3.Com;

namespace NeuralSynth.Vst3.Tests.Harness;

/// <summary>A host-side IComponentHandler that records restartComponent flags.</summary>
internal sealed unsafe class FakeComponentHandler : ComObject
{
    private static readonly IntPtr HandlerVtable = VtableBuilder.Create(VtableBuilder.WithUnknown(
        (IntPtr)(delegate* unmanaged<IntPtr, uint, int>)&BeginEdit,
        (IntPtr)(delegate* unmanaged<IntPtr, uint, double, int>)&PerformEdit,
        (IntPtr)(delegate* unmanaged<IntPtr, uint, int>)&EndEdit,
        (IntPtr)(delegate* unmanaged<IntPtr, int, int>)&RestartComponent));

    public FakeComponentHandler() : base([HandlerVtable], [(Iids.ComponentHandler, 0)]) { }

    public ConcurrentQueue<int> Restarts { get; } = new();

    /// <summary>The managed thread of each restartComponent call, in order.</summary>
    public ConcurrentQueue<int> RestartThreads { get; } = new();

    /// <summary>Edits from the plug-in's editor, in order: ("begin"|"perform"|"end", id, value).</summary>
    public ConcurrentQueue<(string Kind, uint Id, double Value)> Edits { get; } = new();
    public IntPtr Pointer => Slot(0);

    [UnmanagedCallersOnly]
    private static int BeginEdit(IntPtr self, uint id)
    {
        FromSlot<FakeComponentHandler>(self).Edits.Enqueue(("begin", id, 0));
        return TResult.Ok;
    }

    [UnmanagedCallersOnly]
    private static int PerformEdit(IntPtr self, uint id, double value)
    {
        FromSlot<FakeComponentHandler>(self).Edits.Enqueue(("perform", id, value));
        return TResult.Ok;
    }

    [UnmanagedCallersOnly]
    private static int EndEdit(IntPtr self, uint id)
    {
        FromSlot<FakeComponentHandler>(self).Edits.Enqueue(("end", id, 0));
        return TResult.Ok;
    }

    [UnmanagedCallersOnly]
    private static int RestartComponent(IntPtr self, int flags)
    {
        var handler = FromSlot<FakeComponentHandler>(self);
        handler.RestartThreads.Enqueue(Environment.CurrentManagedThreadId);
        handler.Restarts.Enqueue(flags);
        return TResult.Ok;
    }
}
