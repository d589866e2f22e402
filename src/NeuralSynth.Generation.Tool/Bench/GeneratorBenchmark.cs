using System.Diagnostics;
using NeuralSynth.Generation.Model;
using NeuralSynth.Generation.Music;
using NeuralSynth.Generation.Sampling;

namespace NeuralSynth.Generation.Tool.Bench;

/// <summary>Generation speed on one core versus what real-time playback consumes.</summary>
/// <param name="TokensPerSecond">Sampled tokens per second (model step + mask + sampling), single intra-op thread.</param>
/// <param name="TokensPerBar">Average tokens the model spent per 4/4 bar in this run.</param>
/// <param name="PlaybackTokensPerSecond">Tokens per second needed to keep up with playback at <paramref name="Bpm"/>.</param>
internal sealed record GeneratorBenchmarkResult(
    int Tokens,
    double Seconds,
    double TokensPerSecond,
    double TokensPerBar,
    double Bpm,
    double PlaybackTokensPerSecond)
{
    /// <summary>How many times faster than real time generation runs.</summary>
    public double RealTimeFactor => TokensPerSecond / Math.Max(PlaybackTokensPerSecond, 1e-9);

    public override string ToString() =>
        $"{TokensPerSecond:0} tokens/s on one core; {TokensPerBar:0.0} tokens/bar; playback at {Bpm:0} BPM needs " +
        $"{PlaybackTokensPerSecond:0.0} tokens/s → {RealTimeFactor:0.0}× real time";
}

internal static class GeneratorBenchmark
{
    /// <param name="bars">4/4 bars to generate (after a warm-up bar).</param>
    public static GeneratorBenchmarkResult Run(string? modelPath = null, int bars = 16, double bpm = 120, ulong seed = 1)
    {
        using var model = GeneratorModelInfo.Load(modelPath).Open();
        return Run(model, bars, bpm, seed);
    }

    public static GeneratorBenchmarkResult Run(ITokenModel model, int bars, double bpm, ulong seed)
    {
        var session = new GenerationSession(model, seed);
        var attrs = new MusicAttributes(new Key(0, Mode.Major), Meter.FourFour, MusicAttributes.TempoClassOf(bpm), 3, 4, Emotion.Happy);
        session.Start(attrs, bpm);
        session.GenerateUntilBar(1); // warm-up: first runs pay for ORT's lazy initialisation
        int before = session.TokensGenerated;
        var clock = Stopwatch.StartNew();
        session.GenerateUntilBar(1 + bars);
        clock.Stop();
        int tokens = session.TokensGenerated - before;
        double seconds = clock.Elapsed.TotalSeconds;
        double perBar = tokens / (double)bars;
        double barsPerSecond = bpm / 60.0 / 4.0;
        return new GeneratorBenchmarkResult(tokens, seconds, tokens / seconds, perBar, bpm, perBar * barsPerSecond);
    }
}
