using System.Runtime.InteropServices;
using NeuralSynth.Vst3.Abi;
using NeuralSynth.Vst3.Com;

namespace NeuralSynth.Vst3.Tests.Harness;

/// <summary>A host-side IEventList.</summary>
internal sealed unsafe class FakeEventList : ComObject
{
    private static readonly IntPtr ListVtable = VtableBuilder.Create(VtableBuilder.WithUnknown(
        (IntPtr)(delegate* unmanaged<IntPtr, int>)&Count,
        (IntPtr)(delegate* unmanaged<IntPtr, int, Event*, int>)&Get,
        (IntPtr)(delegate* unmanaged<IntPtr, Event*, int>)&Add));

    public FakeEventList() : base([ListVtable], [(Iids.EventList, 0)]) { }

    public List<Event> Events { get; } = [];
    public IntPtr Pointer => Slot(0);

    public FakeEventList NoteOn(int offset, int pitch, float velocity, int channel = 0)
    {
        Events.Add(new Event { SampleOffset = offset, Type = Vst.EventNoteOn, Channel = (short)channel, Pitch = (short)pitch, NoteOnVelocity = velocity });
        return this;
    }

    public FakeEventList NoteOff(int offset, int pitch, int channel = 0)
    {
        Events.Add(new Event { SampleOffset = offset, Type = Vst.EventNoteOff, Channel = (short)channel, Pitch = (short)pitch });
        return this;
    }

    [UnmanagedCallersOnly]
    private static int Count(IntPtr self) => FromSlot<FakeEventList>(self).Events.Count;

    [UnmanagedCallersOnly]
    private static int Get(IntPtr self, int index, Event* e)
    {
        var events = FromSlot<FakeEventList>(self).Events;
        if (index < 0 || index >= events.Count) return TResult.InvalidArgument;
        *e = events[index];
        return TResult.Ok;
    }

    [UnmanagedCallersOnly]
    private static int Add(IntPtr self, Event* e)
    {
        FromSlot<FakeEventList>(self).Events.Add(*e);
        return TResult.Ok;
    }
}
