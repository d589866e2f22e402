using NeuralSynth.Ddsp.Analysis;
using NeuralSynth.Ddsp.Transfer;
using NeuralSynth.Engine.Audio;
using Xunit;
using Xunit.Abstractions;

namespace NeuralSynth.Ddsp.Tests;

public class TransferTests(ITestOutputHelper output)
{
    /// <summary>f0 and confidence of every hop-th sample of a signal, by the same tracker the effect uses.</summary>
    private static PitchEstimate[] Track(float[] signal, int sampleRate, int hop)
    {
        var tracker = new PitchTracker(sampleRate);
        var meter = new LoudnessMeter(sampleRate);
        var estimates = new List<PitchEstimate>();
        for (int end = hop; end <= signal.Length; end += hop)
        {
            for (int i = end - hop; i < end; i++) tracker.Push(signal[i]);
            float loudness = end >= meter.WindowLength ? meter.Measure(signal.AsSpan(end - meter.WindowLength)) : -100f;
            estimates.Add(tracker.Analyze(loudness));
        }
        return estimates.ToArray();
    }

    [Fact]
    public void TransferredPitchFollowsTheSungRecordingWithinTwentyCents()
    {
        var input = AudioFile.Read(TestSupport.Vocadito);
        var result = TimbreTransfer.Render(input, TestSupport.Decoder("violin"));
        Assert.Equal(input.Frames, result.Frames);
        Assert.Equal(input.SampleRate, result.SampleRate);

        int hop = input.SampleRate / 250;
        var sung = Track(input.Mono(), input.SampleRate, hop);
        var played = Track(result.Channels[0], input.SampleRate, hop);
        var cents = new List<double>();
        for (int i = 0; i < Math.Min(sung.Length, played.Length); i++)
            if (sung[i].Voiced && played[i].Voiced && sung[i].Confidence >= 0.85f)
                cents.Add(Math.Abs(1200 * Math.Log2(played[i].Hz / sung[i].Hz)));
        cents.Sort();
        double median = cents[cents.Count / 2];
        int voicedInput = sung.Count(e => e.Voiced);
        output.WriteLine($"frames compared {cents.Count} of {voicedInput} voiced input frames; median error {median:F2} cents, 90th percentile {cents[cents.Count * 9 / 10]:F1}");
        Assert.True(cents.Count > voicedInput / 2, $"only {cents.Count} of {voicedInput} voiced frames are voiced in the output too");
        Assert.True(median <= 20, $"median f0 error {median:F1} cents");
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
