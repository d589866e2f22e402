using System.Runtime.InteropServices;

namespace NeuralSynth.Engine.Core;

[Flags]
public enum HostTransportFlags : uint
{
    None = 0,
    Playing = 1 << 0,
    Recording = 1 << 1,
    CycleActive = 1 << 2,
    TempoValid = 1 << 3,
    TimeSignatureValid = 1 << 4,
    ProjectTimeMusicValid = 1 << 5,
    BarPositionValid = 1 << 6,
}

/// <summary>
/// The host's transport at the start of a block (tempo, meter, play state, position), copied from the plug-in
/// host's process context and handed to the engine once per block. Blittable so the copy costs nothing on the
/// audio thread; fields are meaningful only when their flag is set.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct HostTransport(
    HostTransportFlags Flags,
    double Tempo,
    int TimeSignatureNumerator,
    int TimeSignatureDenominator,
    long ProjectTimeSamples,
    double ProjectTimeQuarterNotes,
    double BarStartQuarterNotes)
{
    public bool IsPlaying => (Flags & HostTransportFlags.Playing) != 0;
}
