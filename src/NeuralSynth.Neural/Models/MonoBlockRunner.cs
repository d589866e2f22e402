using NeuralSynth.Engine.Core;

namespace NeuralSynth.Neural.Models;

/// <summary>
/// Runs a mono network over a host block, shared by the NAM, sequence and ONNX effect processors: channel 0 in
/// (optionally gained, then sanitized), the network's output (optionally gained) to every channel, in slices of
/// at most the prepared size so a host that sends more than it announced still gets correct audio, never an
/// exception. Owns the scratch buffers; allocation happens in <see cref="Prepare"/> only.
/// </summary>
internal sealed class MonoBlockRunner
{
    private float[] _input = Array.Empty<float>(), _output = Array.Empty<float>();
    private int _maxBlock;

    /// <param name="outputCapacity">Output scratch size, at least <paramref name="maxBlockSize"/> (NAM prewarms through it).</param>
    public void Prepare(int maxBlockSize, int outputCapacity = 0)
    {
        _maxBlock = maxBlockSize;
        _input = new float[maxBlockSize];
        _output = new float[Math.Max(maxBlockSize, outputCapacity)];
    }

    /// <summary>The output scratch, for work outside <see cref="Process"/> (e.g. prewarming on silence).</summary>
    public Span<float> OutputScratch => _output;

    public void Process(INeuralModel network, AudioBlock block, float inputGain = 1f, float outputGain = 1f)
    {
        if (block.ChannelCount == 0 || _maxBlock == 0) return;
        for (int offset = 0; offset < block.Length; offset += _maxBlock)
            ProcessSlice(network, block.Slice(offset, Math.Min(_maxBlock, block.Length - offset)), inputGain, outputGain);
    }

    private void ProcessSlice(INeuralModel network, AudioBlock block, float inputGain, float outputGain)
    {
        int frames = block.Length;
        var source = block.Channel(0);
        var input = _input.AsSpan(0, frames);
        var output = _output.AsSpan(0, frames);
        if (inputGain == 1f) source.CopyTo(input);
        else System.Numerics.Tensors.TensorPrimitives.Multiply(source, inputGain, input);
        InputGuard.SanitizeInPlace(input);
        network.Process(input, output);
        if (outputGain != 1f) System.Numerics.Tensors.TensorPrimitives.Multiply(output, outputGain, output);
        for (int c = 0; c < block.ChannelCount; c++) output.CopyTo(block.Channel(c));
    }
}
