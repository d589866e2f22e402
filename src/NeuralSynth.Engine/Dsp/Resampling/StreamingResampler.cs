using System.Numerics.Tensors;

namespace NeuralSynth.Engine.Dsp.Resampling;

/// <summary>
/// Streaming sample-rate converter for any pair of integer rates: a polyphase FIR through the low-pass the caller
/// chooses (<see cref="IResamplingFilter"/>). Output k sits exactly at input time k·in/out, and time advances by the
/// exact rational step, so two converters back to back stay sample-locked forever. An output is written once the
/// input reaches <see cref="LookaheadInputSamples"/> past its instant, which is the latency the caller absorbs.
///
/// Samples before the first input count as silence and <see cref="Complete"/> pads the end with silence, so a
/// signal streamed in any chunks and the same signal converted in one call give the same bits.
///
/// Allocates only in the constructor while each call brings at most maxInputBlock inputs and room for
/// <see cref="MaxOutputFor"/> outputs; a caller that leaves outputs waiting makes the history grow.
/// </summary>
public sealed class StreamingResampler
{
    // Output instants fall on only out/gcd distinct fractions of an input sample, so for common rate pairs
    // (44.1k<->48k has 160) every phase's weights are precomputed and each output is one dot product.
    private const int MaxTabulatedCoefficients = 1 << 21;

    private readonly IResamplingFilter _filter;
    private readonly int _taps;
    private readonly int _firstTap;
    private readonly float[]? _phaseWeights; // [phase][tap]
    private readonly float[] _scratchWeights;
    private readonly long _numerator;   // input rate / gcd: the input samples per _denominator outputs
    private readonly long _denominator; // output rate / gcd: the distinct phases
    private readonly long _stepWhole;   // input samples from one output to the next: whole part
    private readonly long _stepNumerator; // and the fraction, over _denominator
    private readonly int _maxInputBlock;

    private float[] _history;
    private int _write;          // next free index in _history
    private long _timeWhole;     // index in _history of the input sample at or before the next output's instant
    private long _timeNumerator; // how far past it the instant lies, over _denominator
    private long _appended;      // input and end padding appended since the start
    private long _inputCount;
    private long _outputIndex;
    private long _totalOutputs;  // known once the stream is completed

    public StreamingResampler(int inputRate, int outputRate, IResamplingFilter filter, int maxInputBlock)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputRate);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(filter.TapCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(filter.FirstTapOffset, 0);
        ArgumentOutOfRangeException.ThrowIfNegative(maxInputBlock);
        InputRate = inputRate;
        OutputRate = outputRate;
        _filter = filter;
        _taps = filter.TapCount;
        _firstTap = filter.FirstTapOffset;
        _maxInputBlock = maxInputBlock;
        long gcd = Gcd(inputRate, outputRate);
        _numerator = inputRate / gcd;
        _denominator = outputRate / gcd;
        _stepWhole = _numerator / _denominator;
        _stepNumerator = _numerator % _denominator;
        _scratchWeights = new float[_taps];
        if (_denominator * _taps <= MaxTabulatedCoefficients)
        {
            _phaseWeights = new float[_denominator * _taps];
            for (int phase = 0; phase < _denominator; phase++)
            {
                filter.FillWeights((double)phase / _denominator, _phaseWeights.AsSpan(phase * _taps, _taps));
            }
        }

        _history = new float[2 * (_taps + maxInputBlock) + 8];
        Reset();
    }

    public int InputRate { get; }
    public int OutputRate { get; }

    /// <summary>Input samples past an output's instant that must arrive before it can be computed.</summary>
    public int LookaheadInputSamples => _firstTap + _taps - 1;

    /// <summary>Most outputs one call can produce for <paramref name="inputCount"/> inputs.</summary>
    public int MaxOutputFor(int inputCount) => (int)((long)inputCount * OutputRate / InputRate) + 2;

    /// <summary>Outputs a whole signal of <paramref name="inputLength"/> samples converts to: ceil(n · out / in), as librosa counts.</summary>
    public static int OutputLength(long inputLength, int inputRate, int outputRate)
        => checked((int)((inputLength * outputRate + inputRate - 1) / inputRate));

    /// <summary>Starts a new stream: silent history, time zero.</summary>
    public void Reset()
    {
        Array.Clear(_history);
        // Silence in front of the first input, so the first output (at input time 0) has every tap.
        _write = -_firstTap;
        _timeWhole = -_firstTap;
        _timeNumerator = 0;
        _appended = 0;
        _inputCount = 0;
        _outputIndex = 0;
        _totalOutputs = long.MaxValue;
    }

    /// <summary>
    /// Consumes <paramref name="input"/> (at most the maxInputBlock given to the constructor) and writes the outputs
    /// now complete, as many as <paramref name="output"/> holds; returns how many.
    /// </summary>
    public int Process(ReadOnlySpan<float> input, Span<float> output)
    {
        if (_totalOutputs != long.MaxValue) throw new InvalidOperationException("The stream has been completed.");
        if (input.Length > _maxInputBlock) throw new ArgumentException("input block larger than prepared");
        Append(input);
        _inputCount += input.Length;
        return Drain(output);
    }

    /// <summary>Ends the stream: the tail is padded with silence so that <see cref="Drain"/> can write the last outputs.</summary>
    public void Complete()
    {
        if (_totalOutputs != long.MaxValue) return;
        _totalOutputs = (_inputCount * _denominator + _numerator - 1) / _numerator;
        long needed = _totalOutputs == 0 ? 0 : (_totalOutputs - 1) * _numerator / _denominator + LookaheadInputSamples + 1;
        Span<float> silence = stackalloc float[256];
        while (_appended < needed)
        {
            Append(silence[..(int)Math.Min(silence.Length, needed - _appended)]);
        }
    }

    /// <summary>Writes outputs that have become complete (after <see cref="Complete"/>, the remaining ones); returns how many.</summary>
    public int Drain(Span<float> output)
    {
        int lastTap = LookaheadInputSamples;
        int produced = 0;
        while (produced < output.Length && _outputIndex < _totalOutputs && _timeWhole + lastTap < _write)
        {
            ReadOnlySpan<float> taps = _history.AsSpan((int)(_timeWhole + _firstTap), _taps);
            output[produced++] = Convolve(taps, (int)_timeNumerator);
            _outputIndex++;
            _timeWhole += _stepWhole;
            _timeNumerator += _stepNumerator;
            if (_timeNumerator >= _denominator)
            {
                _timeNumerator -= _denominator;
                _timeWhole++;
            }
        }

        return produced;
    }

    private float Convolve(ReadOnlySpan<float> taps, int phase)
    {
        if (_phaseWeights is not null)
        {
            return TensorPrimitives.Dot(taps, _phaseWeights.AsSpan(phase * _taps, _taps));
        }

        _filter.FillWeights((double)phase / _denominator, _scratchWeights);
        return _filter.SumsTapByTap ? SumTapByTap(taps, _scratchWeights) : TensorPrimitives.Dot(taps, _scratchWeights);
    }

    private static float SumTapByTap(ReadOnlySpan<float> taps, ReadOnlySpan<float> weights)
    {
        float sum = 0;
        for (int m = 0; m < taps.Length; m++) sum += taps[m] * weights[m];
        return sum;
    }

    private void Append(ReadOnlySpan<float> samples)
    {
        if (_write + samples.Length > _history.Length) Compact();
        if (_write + samples.Length > _history.Length)
        {
            Array.Resize(ref _history, Math.Max(2 * _history.Length, _write + samples.Length));
        }

        samples.CopyTo(_history.AsSpan(_write));
        _write += samples.Length;
        _appended += samples.Length;
    }

    /// <summary>Moves the history from the next output's first tap on to the front.</summary>
    private void Compact()
    {
        int shift = (int)Math.Min(_timeWhole + _firstTap, _write);
        Array.Copy(_history, shift, _history, 0, _write - shift);
        _write -= shift;
        _timeWhole -= shift;
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }
}
