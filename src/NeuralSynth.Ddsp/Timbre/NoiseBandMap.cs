using NeuralSynth.Engine.Dsp;

namespace NeuralSynth.Ddsp.Timbre;

/// <summary>
/// Decoder noise bands are absolute Hz (band j at j·bandMaxHz/(bands−1), for noise at the training rate);
/// the engine's 65 bands span DC..its own Nyquist. Each engine band reads the decoder's curve at its centre
/// frequency by linear interpolation (zero above bandMaxHz, where the decoder knows nothing), scaled by
/// sqrt(engineRate / trainingRate): white noise of the same amplitude spreads over a wider band at a higher
/// rate, and this keeps the noise power per Hz what the decoder was trained to produce.
/// </summary>
internal sealed class NoiseBandMap
{
    private readonly int[] _index = new int[FilteredNoise.BandCount];
    private readonly float[] _weight = new float[FilteredNoise.BandCount];
    private readonly float[] _scale = new float[FilteredNoise.BandCount];

    public NoiseBandMap(double engineRate, double trainingRate, double bandMaxHz, int decoderBands)
    {
        float gain = (float)Math.Sqrt(engineRate / trainingRate);
        double nyquist = engineRate / 2;
        for (int b = 0; b < FilteredNoise.BandCount; b++)
        {
            double position = b * nyquist / (FilteredNoise.BandCount - 1) / bandMaxHz * (decoderBands - 1);
            if (position > decoderBands - 1)
            {
                _index[b] = 0;
                _scale[b] = 0f;
                continue;
            }
            int i = Math.Min((int)position, decoderBands - 2);
            _index[b] = i;
            _weight[b] = (float)(position - i);
            _scale[b] = gain;
        }
    }

    /// <summary>Writes the engine's 65 band magnitudes from the decoder's bands.</summary>
    public void Map(ReadOnlySpan<float> decoderBands, Span<float> engineBands)
    {
        for (int b = 0; b < FilteredNoise.BandCount; b++)
        {
            int i = _index[b];
            float w = _weight[b];
            engineBands[b] = _scale[b] * (decoderBands[i] + w * (decoderBands[i + 1] - decoderBands[i]));
        }
    }
}
