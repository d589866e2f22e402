namespace NeuralSynth.Ddsp.Analysis;

/// <summary>
/// Streaming f0 for timbre transfer: decimate to ~16 kHz, YIN per frame, then the repairs a synth needs
/// that a raw detector does not give: voicing with hysteresis on confidence and a loudness gate, octave-error
/// suppression (a jump of an octave is replaced by the other octave, if that lag is periodic too, until it
/// has lasted <see cref="PitchTrackerOptions.OctaveHoldFrames"/>), and a 3-frame median on voiced frames.
/// Allocation-free after construction.
/// </summary>
internal sealed class PitchTracker
{
    private const int MaxUnvoicedBridgeFrames = 25; // 100 ms: after a longer gap the previous pitch is no reference

    private readonly PitchTrackerOptions _options;
    private readonly Decimator _decimator;
    private readonly YinPitchDetector _yin;
    private readonly float[] _buffer;
    private readonly int _required;
    private int _filled;
    private readonly float[] _recent = new float[3];
    private int _recentCount;
    private bool _voiced;
    private float _previous;
    private int _octaveRun;
    private int _unvoicedFrames = int.MaxValue / 2;

    public PitchTracker(double sampleRate, PitchTrackerOptions? options = null)
    {
        _options = options ?? new PitchTrackerOptions();
        _decimator = new Decimator(sampleRate);
        _yin = new YinPitchDetector(_decimator.OutputRate, _options.MinHz, _options.MaxHz);
        _required = _yin.RequiredSamples;
        _buffer = new float[2 * _required];
        SampleRate = sampleRate;
    }

    public double SampleRate { get; }

    /// <summary>
    /// How far behind the newest input sample the estimate's reference point lies, in input samples: the
    /// filter delay plus half the analysis span, plus one frame for the median.
    /// </summary>
    public int LatencySamples(int frameSamples) =>
        _decimator.DelaySamples + _required * _decimator.Factor / 2 + frameSamples;

    public void Reset()
    {
        _decimator.Reset();
        Array.Clear(_buffer);
        _filled = 0;
        _recentCount = 0;
        _voiced = false;
        _previous = 0f;
        _octaveRun = 0;
        _unvoicedFrames = int.MaxValue / 2;
    }

    public void Push(float sample)
    {
        if (!_decimator.Push(sample, out float decimated)) return;
        if (_filled == _buffer.Length)
        {
            // Keep the newest samples contiguous: slide once per `_required` samples, not per sample.
            Array.Copy(_buffer, _buffer.Length - _required + 1, _buffer, 0, _required - 1);
            _filled = _required - 1;
        }
        _buffer[_filled++] = decimated;
    }

    /// <summary>Estimate for the frame ending now; <paramref name="loudnessDb"/> gates voicing.</summary>
    public PitchEstimate Analyze(float loudnessDb)
    {
        if (_filled < _required) return new PitchEstimate(_previous, 0f, false);
        var (raw, confidence) = _yin.Detect(_buffer.AsSpan(_filled - _required, _required));
        float needed = _voiced ? _options.VoicedOffConfidence : _options.VoicedOnConfidence;
        if (confidence < needed || loudnessDb < _options.MinLoudnessDb)
        {
            _voiced = false;
            _recentCount = 0;
            _unvoicedFrames++;
            return new PitchEstimate(_previous, confidence, false);
        }

        float f = raw;
        if (_previous > 0 && _unvoicedFrames < MaxUnvoicedBridgeFrames)
        {
            double cents = 1200 * Math.Log2(f / _previous);
            bool octaveJump = Math.Abs(Math.Abs(cents) - 1200) < 150 || Math.Abs(Math.Abs(cents) - 2400) < 150;
            if (octaveJump && ++_octaveRun < _options.OctaveHoldFrames)
            {
                float alternative = (float)(f * Math.Pow(2, -Math.Round(cents / 1200)));
                if (_yin.NormalizedAt(alternative) < 1f - _options.VoicedOffConfidence) f = alternative;
            }
            else if (!octaveJump) _octaveRun = 0;
        }
        _voiced = true;
        _unvoicedFrames = 0;
        float smoothed = Median(f);
        _previous = smoothed;
        return new PitchEstimate(smoothed, confidence, true);
    }

    private float Median(float f)
    {
        if (_recentCount < 3) _recent[_recentCount++] = f;
        else
        {
            _recent[0] = _recent[1];
            _recent[1] = _recent[2];
            _recent[2] = f;
        }
        if (_recentCount < 3) return f;
        float a = _recent[0], b = _recent[1], c = _recent[2];
        return Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
    }
}
