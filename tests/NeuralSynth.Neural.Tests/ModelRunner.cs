using NeuralSynth.Neural.Models;

namespace NeuralSynth.Neural.Tests;

internal static class ModelRunner
{
    /// <summary>Runs a whole signal through a model in blocks of <paramref name="blockSize"/> after Prepare/Reset.</summary>
    public static float[] Render(INeuralModel model, float[] input, int blockSize, bool prewarm = false)
    {
        model.Prepare(blockSize);
        model.Reset();
        if (prewarm) Prewarm(model, blockSize);
        var output = new float[input.Length];
        for (int start = 0; start < input.Length; start += blockSize)
        {
            int n = Math.Min(blockSize, input.Length - start);
            model.Process(input.AsSpan(start, n), output.AsSpan(start, n));
        }
        return output;
    }

    private static void Prewarm(INeuralModel model, int blockSize)
    {
        var zeros = new float[blockSize];
        var sink = new float[blockSize];
        for (int done = 0; done < model.PrewarmSamples; done += blockSize) model.Process(zeros, sink);
    }
}
