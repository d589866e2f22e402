using NeuralSynth.Engine.Dsp;

namespace NeuralSynth.Engine.Synth;

/// <summary>
/// One frame's batch of voices for an <see cref="ITimbreSource"/>: inputs (slot, f0, loudness) and outputs
/// (harmonic amplitudes, noise band magnitudes), as flat row-major arrays allocated once so the audio thread
/// never allocates.
/// </summary>
public sealed class TimbreFrame
{
    public TimbreFrame(int capacity, int harmonics)
    {
        Capacity = capacity;
        Harmonics = harmonics;
        Slots = new int[capacity];
        F0Hz = new float[capacity];
        LoudnessDb = new float[capacity];
        HarmonicAmplitudes = new float[capacity * harmonics];
        NoiseMagnitudes = new float[capacity * FilteredNoise.BandCount];
    }

    public int Capacity { get; }
    public int Harmonics { get; }

    /// <summary>Rows in use.</summary>
    public int Count { get; set; }

    /// <summary>Voice slot of each row: the key for per-voice recurrent state.</summary>
    public int[] Slots { get; }
    public float[] F0Hz { get; }

    /// <summary>Target A-weighted loudness in dB (see the decoder manifest for the definition).</summary>
    public float[] LoudnessDb { get; }

    /// <summary>[Capacity × Harmonics] absolute amplitudes (overall amplitude × distribution), already band-limited for the engine's rate.</summary>
    public float[] HarmonicAmplitudes { get; }

    /// <summary>[Capacity × 65] magnitudes of the engine's noise bands (DC..engine Nyquist) for a voice at full level.</summary>
    public float[] NoiseMagnitudes { get; }

    public Span<float> HarmonicsOf(int row) => HarmonicAmplitudes.AsSpan(row * Harmonics, Harmonics);

    public Span<float> NoiseOf(int row) => NoiseMagnitudes.AsSpan(row * FilteredNoise.BandCount, FilteredNoise.BandCount);
}
