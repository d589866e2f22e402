using NeuralSynth.Ddsp.Runtime;

namespace NeuralSynth.Ddsp.Model;

/// <summary>
/// The product's decoder: NeuralSynth's own SIMD runtime (<see cref="DecoderNetwork"/>) on the weights read
/// from the decoder's .onnx. No native call and no allocation per frame, so it is safe on the audio thread,
/// and all voices go through each layer as one matrix product.
/// </summary>
internal sealed class ManagedDecoderBatch : DecoderBatch
{
    private readonly DecoderNetwork _network;

    internal ManagedDecoderBatch(DecoderModel model, int capacity) : base(model.Manifest, capacity)
    {
        var m = model.Manifest;
        _network = new DecoderNetwork(model.Weights, m.Harmonics, m.NoiseBands, m.BandMaxHz, capacity);
    }

    protected override void RunRows(int rows) =>
        _network.Run(rows, F0Hz, LoudnessDb, StateIn, Amplitude, Distribution, Noise, StateOut);
}
