using NeuralSynth.Ddsp.Transfer;
using NeuralSynth.Engine.Audio;
using Xunit;
using Xunit.Abstractions;

namespace NeuralSynth.Ddsp.Tests;

public class TransferTests(ITestOutputHelper output)
{
    /// <summary>Absolute cent errors of a signal's f0 (by the test's own meter) against aubio's, where both are voiced.</summary>
    private static List<double> CentsAgainstReference(float[] signal, int sampleRate, IEnumerable<ReferenceF0> voiced)
    {
        var cents = new List<double>();
        foreach (var frame in voiced)
        {
            var (hz, peak) = NccfPitch.At(signal, sampleRate, (int)Math.Round(frame.CenterSeconds * sampleRate));
            if (hz > 0 && peak >= VoicedPeak) cents.Add(Math.Abs(1200 * Math.Log2(hz / frame.Hz)));
        }
        cents.Sort();
        return cents;
    }

    private const double ReferenceConfidence = 0.8; // aubio YIN: 1 - aperiodicity
    private const double VoicedPeak = 0.8;          // test meter: normalised correlation at the period

    private static double Percentile(List<double> sorted, double p) => sorted[(int)(p * (sorted.Count - 1))];

    [Fact]
    public void TransferredPitchFollowsTheSungRecordingWithinTwentyCents()
    {
        // Oracle: aubio's f0 of the input (data/make_reference_f0.py), not the PitchTracker the effect itself uses.
        var input = AudioFile.Read(TestSupport.Vocadito);
        var result = TimbreTransfer.Render(input, TestSupport.Decoder("violin"));
        Assert.Equal(input.Frames, result.Frames);
        Assert.Equal(input.SampleRate, result.SampleRate);

        var voiced = ReferenceF0.Load().Where(f => f.Hz > 0 && f.Confidence >= ReferenceConfidence).ToList();
        Assert.True(voiced.Count > 500, $"reference has only {voiced.Count} voiced frames");

        // The test's meter must itself agree with aubio on the input, or its reading of the output means nothing.
        var meterOnInput = CentsAgainstReference(input.Mono(), input.SampleRate, voiced);
        output.WriteLine($"meter vs aubio on the input: {meterOnInput.Count} of {voiced.Count} frames, median {Percentile(meterOnInput, 0.5):F2} cents");
        Assert.True(Percentile(meterOnInput, 0.5) <= 5, $"the test's pitch meter disagrees with aubio on the input by {Percentile(meterOnInput, 0.5):F1} cents");

        var cents = CentsAgainstReference(result.Channels[0], result.SampleRate, voiced);
        output.WriteLine($"output vs aubio: {cents.Count} of {voiced.Count} voiced reference frames voiced in the output; " +
                         $"median {Percentile(cents, 0.5):F2} cents, 75th {Percentile(cents, 0.75):F1}, 90th {Percentile(cents, 0.9):F1}");
        Assert.True(cents.Count > voiced.Count / 2, $"only {cents.Count} of {voiced.Count} voiced reference frames are voiced in the output");
        Assert.True(Percentile(cents, 0.5) <= 20, $"median f0 error {Percentile(cents, 0.5):F1} cents against aubio's reference");
    }

    [Fact]
    public void SilenceStaysSilentAndLatencyIsReported()
    {
        var silence = new AudioFile([new float[48000]], 48000);
        using var model = Model.DecoderModel.Load(TestSupport.Decoder("violin"));
        using var processor = new TimbreTransferProcessor(model);
        processor.Prepare(48000, 128, 1);
        Assert.InRange(processor.LatencySamples, 480, 2400); // 10..50 ms
        var result = TimbreTransfer.Render(silence, model);
        Assert.True(result.Channels[0].Max(Math.Abs) < 1e-4f, "the confidence gate lets sound through on silence");
    }
}
