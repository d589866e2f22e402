using NeuralSynth.Engine.Diagnostics;
using System.Diagnostics;
using NeuralSynth.Ddsp;
using NeuralSynth.Ddsp.Model;
using NeuralSynth.Ddsp.Timbre;
using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Synth;

namespace NeuralSynth.Cli.Bench;

/// <param name="RealTimeFactor">Audio seconds per CPU second on one thread: above 1 is faster than real time.</param>
/// <param name="DecodeMeanMicroseconds">Mean CPU time of one frame's decoder call (all voices in one batched step).</param>
/// <param name="DecodeMaxMicroseconds">Worst frame's CPU time: what the audio thread must budget for. CPU rather than
/// wall time so that other processes preempting this thread on a shared machine do not count.</param>
/// <param name="DecodeP999Microseconds">99.9th percentile of the frames' decode CPU time: the worst frame is one
/// sample and on a shared machine mostly measures cache refills after other processes ran.</param>
internal sealed record DdspBenchResult(int Voices, double AudioSeconds, double CpuSeconds, double RealTimeFactor,
    double DecodeMeanMicroseconds, double DecodeMaxMicroseconds, double DecodeP999Microseconds = 0);

/// <summary>
/// The decoder-driven synth at 48 kHz in 128-sample blocks on the calling thread, with N voices held and
/// decoded every frame, by the managed runtime (the product) or the ONNX Runtime reference (one thread).
/// </summary>
internal static class DdspBenchmark
{
    public const int SampleRate = 48000;
    public const int BlockSize = 128;

    /// <param name="decoder">Instrument name or decoder path; the violin by default.</param>
    public static DdspBenchResult Run(int voices, double seconds, string decoder = "violin", DecoderRuntime runtime = DecoderRuntime.Managed)
    {
        if (voices < 1 || voices > VoiceAllocator.MaxPolyphony) throw new ArgumentOutOfRangeException(nameof(voices), voices, $"1..{VoiceAllocator.MaxPolyphony}");
        using var inner = DdspTimbreSource.Load(DdspCatalog.ResolveDecoder(decoder), runtime);
        var timed = new TimedSource(inner);
        var engine = new SynthEngine();
        engine.SetTimbreSource(timed);
        engine.Prepare(SampleRate, BlockSize, 2);
        engine.Parameters.SetImmediate(SynthParameters.Polyphony, VoiceAllocator.MaxPolyphony);
        engine.Parameters.SetImmediate(SynthParameters.Sustain, 100);
        engine.Parameters.SetImmediate(SynthParameters.VibratoDepth, 20);

        var notes = new EngineEvent[voices];
        for (int v = 0; v < voices; v++) notes[v] = EngineEvent.NoteOn(0, 48 + v % 30, 0.8f, channel: v / 30);
        var buffers = new[] { new float[BlockSize], new float[BlockSize] };
        var block = new AudioBlock(buffers, 0, BlockSize);
        engine.Process(block, notes);
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < 300; i++) engine.Process(block, ReadOnlySpan<EngineEvent>.Empty);
            Thread.Sleep(100); // let the JIT's tiered compilation finish before timing
        }
        if (engine.ActiveVoices < voices) throw new InvalidOperationException($"only {engine.ActiveVoices} of {voices} voices sounding");

        long blocks = (long)(seconds * SampleRate / BlockSize);
        timed.Clear(capacity: (int)Math.Min(int.MaxValue, blocks * BlockSize / Math.Max(1, inner.FrameSamples) + 2));
        double cpu = ThreadCpuClock.Measure(() =>
        {
            for (long i = 0; i < blocks; i++) engine.Process(block, ReadOnlySpan<EngineEvent>.Empty);
        });
        double audio = (double)blocks * BlockSize / SampleRate;
        return new DdspBenchResult(voices, audio, cpu, audio / cpu, timed.MeanMicroseconds, timed.MaxMicroseconds, timed.PercentileMicroseconds(0.999));
    }

    /// <summary>Wraps the source to time each frame's decode on the thread's CPU clock (no allocation while timing:
    /// the per-frame times go to an array sized in <see cref="Clear"/>).</summary>
    private sealed class TimedSource(ITimbreSource inner) : ITimbreSource
    {
        private long _calls;
        private double _total, _max;
        private double[] _times = [];

        public int TicksPerFrame => inner.TicksPerFrame;
        public double MeanMicroseconds => _calls == 0 ? 0 : _total * 1e6 / _calls;
        public double MaxMicroseconds => _max * 1e6;

        public void Clear(int capacity)
        {
            _calls = 0;
            _total = _max = 0;
            _times = new double[capacity];
        }

        public double PercentileMicroseconds(double fraction)
        {
            int count = (int)Math.Min(_calls, _times.Length);
            if (count == 0) return 0;
            var sorted = _times.AsSpan(0, count).ToArray();
            Array.Sort(sorted);
            return sorted[Math.Min(count - 1, (int)Math.Ceiling(fraction * count) - 1)] * 1e6;
        }
        public void Prepare(double sampleRate, int voiceSlots, int maxHarmonics) => inner.Prepare(sampleRate, voiceSlots, maxHarmonics);
        public void Reset() => inner.Reset();
        public void ResetVoice(int slot) => inner.ResetVoice(slot);

        public void Decode(TimbreFrame frame)
        {
            double start = ThreadCpuClock.Now() ?? Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
            inner.Decode(frame);
            double elapsed = (ThreadCpuClock.Now() ?? Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency) - start;
            if (_calls < _times.Length) _times[_calls] = elapsed;
            _calls++;
            _total += elapsed;
            _max = Math.Max(_max, elapsed);
        }
    }
}
