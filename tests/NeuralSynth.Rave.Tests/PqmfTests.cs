using NeuralSynth.Rave.Dsp;
using Xunit;

namespace NeuralSynth.Rave.Tests;

public class PqmfTests
{
    private static PqmfFilters Filters()
    {
        var p = TestModel.Model.Manifest.Pqmf!;
        return new PqmfFilters(p.Bands, p.Taps, p.Cutoff, p.Beta);
    }

    [Fact]
    public void Analysis_and_synthesis_match_the_pytorch_golden()
    {
        var filters = Filters();
        float[] input = TestModel.Golden("input");
        float[] expectedBands = TestModel.Golden("pqmf_bands");
        float[] expectedResynth = TestModel.Golden("pqmf_resynth");
        var bands = new float[input.Length];
        new PqmfAnalysis(filters, input.Length).Process(input, bands);
        Assert.InRange(TestModel.MaxAbsDiff(bands, expectedBands), 0, 1e-4f);
        var resynth = new float[input.Length];
        new PqmfSynthesis(filters, input.Length / filters.Bands).Process(expectedBands, resynth);
        Assert.InRange(TestModel.MaxAbsDiff(resynth, expectedResynth), 0, 1e-4f);
    }

    [Fact]
    public void Reconstructs_the_input_after_its_delay()
    {
        var filters = Filters();
        float[] x = TestModel.Signal(48000);
        var bands = new float[x.Length];
        var y = new float[x.Length];
        new PqmfAnalysis(filters, x.Length).Process(x, bands);
        new PqmfSynthesis(filters, x.Length / filters.Bands).Process(bands, y);
        int d = filters.Delay;
        Assert.InRange(TestModel.MaxAbsDiff(y.AsSpan(d), x.AsSpan(0, x.Length - d)), 0, 2e-3f);
    }

    [Fact]
    public void Chunked_filtering_equals_whole_signal_filtering()
    {
        var filters = Filters();
        int m = filters.Bands;
        float[] x = TestModel.Signal(m * 300);
        var wholeBands = new float[x.Length];
        var whole = new float[x.Length];
        new PqmfAnalysis(filters, x.Length).Process(x, wholeBands);
        new PqmfSynthesis(filters, x.Length / m).Process(wholeBands, whole);

        var analysis = new PqmfAnalysis(filters, 64 * m);
        var synthesis = new PqmfSynthesis(filters, 64);
        var chunked = new float[x.Length];
        int frame = 0;
        foreach (int frames in new[] { 1, 64, 7, 64, 100 - 36, 64, 36, 64 })
        {
            int take = Math.Min(frames, x.Length / m - frame);
            if (take <= 0) break;
            var bands = new float[take * m];
            analysis.Process(x.AsSpan(frame * m, take * m), bands);
            synthesis.Process(bands, chunked.AsSpan(frame * m, take * m));
            frame += take;
        }
        Assert.InRange(TestModel.MaxAbsDiff(chunked.AsSpan(0, frame * m), whole.AsSpan(0, frame * m)), 0, 1e-6f);
    }
}
