using System.Text.Json;
using NeuralSynth.Ddsp.Model;
using Xunit;

namespace NeuralSynth.Ddsp.Tests;

/// <summary>The decoder run frame by frame in C#, state passed through, matches PyTorch's whole-sequence run,
/// with the product's managed runtime and with the ONNX Runtime reference.</summary>
public class GoldenTests
{
    /// <summary>The theory's cases come from the models folder; if it moved or emptied, the theory would run nothing.</summary>
    [Fact]
    public void EveryShippedDecoderIsACase() =>
        Assert.Equal(["cello", "clarinet", "flute", "trumpet", "violin", "voice"], TestSupport.ShippedInstruments());

    public static TheoryData<string, DecoderRuntime> InstrumentsAndRuntimes()
    {
        var data = new TheoryData<string, DecoderRuntime>();
        foreach (var row in TestSupport.Instruments())
            foreach (var runtime in Enum.GetValues<DecoderRuntime>()) data.Add((string)row[0], runtime);
        return data;
    }

    [Theory]
    [MemberData(nameof(InstrumentsAndRuntimes))]
    public void DecoderReproducesPyTorchWithinTolerance(string instrument, DecoderRuntime runtime)
    {
        string goldenPath = Path.Combine(TestSupport.RepoRoot, "models", "ddsp", instrument, "golden.json");
        double worst = WorstDifference(TestSupport.Decoder(instrument), goldenPath, runtime);
        Assert.True(worst <= 1e-4, $"{instrument} ({runtime}): largest difference from PyTorch {worst:E2}");
    }

    /// <summary>Steps the decoder through a golden's frames (state passed through) and returns the largest
    /// absolute difference on any output.</summary>
    internal static double WorstDifference(string manifestPath, string goldenPath, DecoderRuntime runtime)
    {
        Assert.True(File.Exists(goldenPath), $"{goldenPath}: missing (models/ddsp/recipe/export.py writes it)");
        using var golden = JsonDocument.Parse(File.ReadAllBytes(goldenPath));
        var root = golden.RootElement;
        int voices = root.GetProperty("voices").GetInt32(), frames = root.GetProperty("frames").GetInt32();
        using var model = DecoderModel.Load(manifestPath);
        using var batch = model.CreateBatch(voices, runtime);
        double worst = 0;
        for (int t = 0; t < frames; t++)
        {
            for (int v = 0; v < voices; v++)
            {
                batch.F0Hz[v] = root.GetProperty("f0_hz")[v][t].GetSingle();
                batch.LoudnessDb[v] = root.GetProperty("loudness_db")[v][t].GetSingle();
            }
            if (t > 0) batch.StateOut.AsSpan(0, voices * batch.StateSize).CopyTo(batch.StateIn);
            batch.Run(voices);
            for (int v = 0; v < voices; v++)
            {
                worst = Math.Max(worst, Math.Abs(batch.Amplitude[v] - root.GetProperty("amplitude")[v][t].GetSingle()));
                var distribution = root.GetProperty("harmonic_distribution")[v][t];
                Assert.Equal(batch.Harmonics, distribution.GetArrayLength());
                for (int k = 0; k < batch.Harmonics; k++)
                    worst = Math.Max(worst, Math.Abs(batch.Distribution[v * batch.Harmonics + k] - distribution[k].GetSingle()));
                var noise = root.GetProperty("noise_magnitudes")[v][t];
                Assert.Equal(batch.Bands, noise.GetArrayLength());
                for (int b = 0; b < batch.Bands; b++)
                    worst = Math.Max(worst, Math.Abs(batch.Noise[v * batch.Bands + b] - noise[b].GetSingle()));
            }
        }
        return worst;
    }
}
