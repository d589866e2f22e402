namespace NeuralSynth.Transcription;

/// <summary>
/// The fixed geometry of the ICASSP 2022 Basic Pitch model. These values are baked into the
/// trained network (its CQT front end and output layers), so they are constants, not options.
/// </summary>
internal static class BasicPitchConstants
{
    public const int SampleRate = 22050;
    public const int FftHop = 256;

    /// <summary>Two seconds of audio minus one hop: the exact input length the network was exported with.</summary>
    public const int WindowSamples = SampleRate * 2 - FftHop;

    /// <summary>Upstream divides the rate by the hop with integer division (86), and trims with that value.</summary>
    public const int AnnotationsFps = SampleRate / FftHop;

    /// <summary>Frames the network emits for one window.</summary>
    public const int FramesPerWindow = AnnotationsFps * 2;

    public const int OverlapFrames = 30;
    public const int OverlapSamples = OverlapFrames * FftHop;
    public const int WindowHopSamples = WindowSamples - OverlapSamples;

    /// <summary>Frames each window contributes once half the overlap is cut from both of its ends.</summary>
    public const int FramesKeptPerWindow = FramesPerWindow - OverlapFrames;

    public const int NoteBins = 88;
    public const int ContourBinsPerSemitone = 3;
    public const int ContourBins = NoteBins * ContourBinsPerSemitone;
    public const int MidiOffset = 21;
    public const double BaseFrequencyHz = 27.5;
}
