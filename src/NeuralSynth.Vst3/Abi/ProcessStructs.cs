using System.Runtime.InteropServices;

namespace NeuralSynth.Vst3.Abi;

// Layouts of the structures a host passes to IAudioProcessor. The SDK headers use natural alignment on every
// 64-bit platform (falignpush.h), which LayoutKind.Sequential reproduces.

[StructLayout(LayoutKind.Sequential)]
internal struct ProcessSetup
{
    public int ProcessMode;
    public int SymbolicSampleSize;
    public int MaxSamplesPerBlock;
    public double SampleRate;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct AudioBusBuffers
{
    public int NumChannels;
    public ulong SilenceFlags;
    /// <summary>float** or double**, depending on ProcessData.SymbolicSampleSize.</summary>
    public void** ChannelBuffers;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ProcessData
{
    public int ProcessMode;
    public int SymbolicSampleSize;
    public int NumSamples;
    public int NumInputs;
    public int NumOutputs;
    public AudioBusBuffers* Inputs;
    public AudioBusBuffers* Outputs;
    public IntPtr InputParameterChanges;
    public IntPtr OutputParameterChanges;
    public IntPtr InputEvents;
    public IntPtr OutputEvents;
    public ProcessContext* ProcessContext;
}

[StructLayout(LayoutKind.Sequential)]
internal struct ProcessContext
{
    public uint State;
    public double SampleRate;
    public long ProjectTimeSamples;
    public long SystemTime;
    public long ContinuousTimeSamples;
    public double ProjectTimeMusic;
    public double BarPositionMusic;
    public double CycleStartMusic;
    public double CycleEndMusic;
    public double Tempo;
    public int TimeSigNumerator;
    public int TimeSigDenominator;
    public int Chord;
    public int SmpteOffsetSubframes;
    public ulong FrameRate;
    public int SamplesToNextClock;
}

/// <summary>Event with its union viewed through the three kinds the synth reads.</summary>
[StructLayout(LayoutKind.Explicit, Size = 48)]
internal struct Event
{
    [FieldOffset(0)] public int BusIndex;
    [FieldOffset(4)] public int SampleOffset;
    [FieldOffset(8)] public double PpqPosition;
    [FieldOffset(16)] public ushort Flags;
    [FieldOffset(18)] public ushort Type;
    // NoteOnEvent / NoteOffEvent / PolyPressureEvent all start with channel and pitch.
    [FieldOffset(24)] public short Channel;
    [FieldOffset(26)] public short Pitch;
    // NoteOnEvent: tuning, velocity, length, noteId
    [FieldOffset(28)] public float NoteOnTuning;
    [FieldOffset(32)] public float NoteOnVelocity;
    [FieldOffset(36)] public int NoteOnLength;
    [FieldOffset(40)] public int NoteOnNoteId;
    [FieldOffset(32)] public int NoteOffNoteId;
    // NoteOffEvent: velocity, noteId, tuning; PolyPressureEvent: pressure, noteId
    [FieldOffset(28)] public float NoteOffVelocity;
    [FieldOffset(28)] public float PolyPressure;
}
