using NAudio.Midi;

namespace NeuralSynth.Engine.Midi;

/// <summary>Converts MIDI ticks to seconds across every tempo change (from any track, as type-1 files allow).</summary>
internal sealed class TempoMap
{
    private const double DefaultMicrosecondsPerQuarter = 500_000; // 120 BPM, the SMF default
    private readonly long[] _ticks;
    private readonly double[] _seconds;
    private readonly double[] _secondsPerTick;

    private TempoMap(long[] ticks, double[] seconds, double[] secondsPerTick)
    {
        _ticks = ticks;
        _seconds = seconds;
        _secondsPerTick = secondsPerTick;
    }

    public static TempoMap FromMidi(MidiFile file)
    {
        var changes = new List<(long Tick, double Microseconds)>();
        for (int track = 0; track < file.Tracks; track++)
            foreach (var e in file.Events[track])
                if (e is TempoEvent tempo && tempo.MicrosecondsPerQuarterNote > 0)
                    changes.Add((e.AbsoluteTime, tempo.MicrosecondsPerQuarterNote));
        changes.Sort((a, b) => a.Tick.CompareTo(b.Tick));
        return Build(changes, file.DeltaTicksPerQuarterNote);
    }

    public static TempoMap Build(IReadOnlyList<(long Tick, double MicrosecondsPerQuarter)> changes, int ticksPerQuarter)
    {
        var ticks = new List<long> { 0 };
        var perTick = new List<double> { DefaultMicrosecondsPerQuarter * 1e-6 / ticksPerQuarter };
        foreach (var (tick, micros) in changes)
        {
            double spt = micros * 1e-6 / ticksPerQuarter;
            if (tick == ticks[^1]) perTick[^1] = spt;
            else { ticks.Add(tick); perTick.Add(spt); }
        }
        var seconds = new double[ticks.Count];
        for (int i = 1; i < ticks.Count; i++) seconds[i] = seconds[i - 1] + (ticks[i] - ticks[i - 1]) * perTick[i - 1];
        return new TempoMap(ticks.ToArray(), seconds, perTick.ToArray());
    }

    public double Seconds(long tick)
    {
        int index = Array.BinarySearch(_ticks, tick);
        if (index < 0) index = ~index - 1;
        index = Math.Max(index, 0);
        return _seconds[index] + (tick - _ticks[index]) * _secondsPerTick[index];
    }
}
