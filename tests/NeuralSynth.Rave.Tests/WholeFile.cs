using NeuralSynth.Rave.Inference;

namespace NeuralSynth.Rave.Tests;

/// <summary>The reference: the whole signal through the model in one chunk (one encoder and one decoder call).</summary>
internal static class WholeFile
{
    public static float[] Run(float[] signal, out float[] latents)
    {
        var model = TestModel.Model;
        int ratio = model.Manifest.CompressionRatio;
        int padded = (signal.Length + ratio - 1) / ratio * ratio;
        using var engine = new RaveEngine(model, padded);
        signal.CopyTo(engine.Input[0], 0);
        engine.Process();
        latents = engine.EncodedLatents.ToArray();
        return engine.Output[0][..signal.Length];
    }
}
