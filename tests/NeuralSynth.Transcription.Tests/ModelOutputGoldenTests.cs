using NeuralSynth.Transcription.Audio;
using NeuralSynth.Transcription.Model;

namespace NeuralSynth.Transcription.Tests;

[Collection(VocaditoCollection.Name)]
public sealed class ModelOutputGoldenTests(VocaditoFixture fixture)
{
    private const double Tolerance = 1e-4; // upstream's own assert_allclose atol

    [Fact]
    public void StitchedOutputsHaveUpstreamTrimmedLength()
    {
        // 200607 samples at 22.05 kHz → floor(200607 · 86 / 22050) = 782 frames.
        Assert.Equal(782, fixture.Result.ModelOutput.Frames);
        Assert.Equal(BasicPitchConstants.ContourBins, fixture.Result.ModelOutput.Contour.Bins);
    }

    [Theory]
    [InlineData("note")]
    [InlineData("onset")]
    [InlineData("contour")]
    public void TrimmedOutputsMatchGolden(string name)
    {
        ActivationMatrix actual = Select(fixture.Result.ModelOutput, name);
        double error = MaxAbsError(TestData.LoadF32($"vocadito_10.{name}.f32"), actual, actual.Frames);
        Assert.True(error <= Tolerance, $"{name}: max abs error {error:G3} exceeds {Tolerance}");
    }

    [Fact]
    public void UntrimmedOutputsMatchAllGoldenFrames()
    {
        // The golden arrays carry 787 frames, 5 more than upstream's trim keeps; the extra frames
        // come from the same stitched windows, so the untrimmed output must match them too.
        float[] audio = LibrosaResampler.Resample(fixture.Audio.Samples, fixture.Audio.SampleRate, BasicPitchConstants.SampleRate);
        using var model = new BasicPitchModel(TestData.ModelPath, "cpu", 1);
        BasicPitchOutput untrimmed = WindowedInference.Run(model, audio, null, trim: false);
        foreach (string name in new[] { "note", "onset", "contour" })
        {
            float[] golden = TestData.LoadF32($"vocadito_10.{name}.f32");
            ActivationMatrix actual = Select(untrimmed, name);
            int goldenFrames = golden.Length / actual.Bins;
            Assert.Equal(787, goldenFrames);
            Assert.True(actual.Frames >= goldenFrames);
            double error = MaxAbsError(golden, actual, goldenFrames);
            Assert.True(error <= Tolerance, $"{name}: max abs error {error:G3} exceeds {Tolerance}");
        }
    }

    private static ActivationMatrix Select(BasicPitchOutput output, string name) => name switch
    {
        "note" => output.Note,
        "onset" => output.Onset,
        _ => output.Contour,
    };

    internal static double MaxAbsError(float[] golden, ActivationMatrix actual, int frames)
    {
        double max = 0;
        for (int f = 0; f < frames; f++)
        {
            for (int b = 0; b < actual.Bins; b++)
            {
                max = Math.Max(max, Math.Abs(golden[f * actual.Bins + b] - actual[f, b]));
            }
        }

        return max;
    }
}
