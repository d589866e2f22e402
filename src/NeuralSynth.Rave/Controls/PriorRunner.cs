using NeuralSynth.Rave.Inference;
using NeuralSynth.Rave.Model;

namespace NeuralSynth.Rave.Controls;

/// <summary>Runs the prior graph one latent frame at a time, carrying its recurrent state.</summary>
internal sealed class PriorRunner : IDisposable
{
    private readonly BoundGraph _graph;

    public PriorRunner(RaveModel model)
    {
        var spec = model.Manifest.Prior ?? throw new InvalidOperationException("model has no prior");
        long[] shape = [1, model.Manifest.LatentSize, 1];
        _graph = new BoundGraph(model.Prior!, spec.Input, shape, [(spec.Mean, shape), (spec.LogStd, shape)], spec.States);
    }

    /// <summary>Feeds the previous latent frame; returns views of the predicted mean and log standard deviation.</summary>
    public void Step(ReadOnlySpan<float> previous, out ReadOnlySpan<float> mean, out ReadOnlySpan<float> logStd)
    {
        previous.CopyTo(_graph.Input);
        _graph.Run();
        mean = _graph.Outputs[0];
        logStd = _graph.Outputs[1];
    }

    public void Reset() => _graph.ResetState();

    public void Dispose() => _graph.Dispose();
}
