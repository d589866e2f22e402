using System.Numerics.Tensors;

namespace NeuralSynth.Transcription.Audio;

/// <summary>
/// Band-limited sample-rate converter (linear-phase Kaiser sinc, see <see cref="LowpassDesign"/>)
/// that accepts input in arbitrary chunks. Samples before the first input and after the end of the
/// stream count as silence, as they do for the whole-signal reference, so streaming a signal and
/// converting it in one call give identical output.
/// </summary>
internal sealed class SincResampler
{
    // Beyond this many distinct phases the table would be large; phases are then computed per output.
    private const int MaxTabulatedPhases = 2048;

    private readonly LowpassDesign _design;
    private readonly int _up;   // output rate / gcd
    private readonly int _down; // input rate / gcd
    private readonly int _half;
    private readonly int _kernelLength;
    private readonly float[]? _phaseTable;
    private readonly float[] _scratchKernel;

    // _history[0] holds input sample _historyStart (which starts negative: leading silence).
    private float[] _history;
    private long _historyStart;
    private int _historyCount;
    private long _outputIndex;
    private long _inputCount;
    private long _totalOutputs = long.MaxValue;

    public SincResampler(int inputRate, int outputRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputRate);
        int divisor = Gcd(inputRate, outputRate);
        _up = outputRate / divisor;
        _down = inputRate / divisor;
        _design = LowpassDesign.ForRatio((double)outputRate / inputRate);
        _half = _design.HalfSupport + 1;
        _kernelLength = 2 * _half + 1;
        _scratchKernel = new float[_kernelLength];
        if (_up <= MaxTabulatedPhases)
        {
            _phaseTable = new float[_up * _kernelLength];
            for (int phase = 0; phase < _up; phase++)
            {
                FillKernel((double)phase / _up, _phaseTable.AsSpan(phase * _kernelLength, _kernelLength));
            }
        }

        _history = new float[8192 + 2 * _kernelLength];
        _historyStart = -_half;
        _historyCount = _half;
    }

    /// <summary>Input samples past an output instant that must arrive before that output is produced.</summary>
    public int LookaheadInputSamples => _half;

    /// <summary>Converts a whole signal; the length follows librosa: ceil(n · out / in).</summary>
    public static float[] Resample(ReadOnlySpan<float> input, int inputRate, int outputRate)
    {
        if (inputRate == outputRate)
        {
            return input.ToArray();
        }

        var resampler = new SincResampler(inputRate, outputRate);
        var output = new float[OutputLength(input.Length, inputRate, outputRate)];
        int written = resampler.Process(input, output);
        resampler.Complete();
        written += resampler.Drain(output.AsSpan(written));
        return output;
    }

    /// <summary>Number of output samples the whole-signal conversion produces for <paramref name="inputLength"/>.</summary>
    public static int OutputLength(long inputLength, int inputRate, int outputRate)
        => checked((int)((inputLength * outputRate + inputRate - 1) / inputRate));

    /// <summary>Upper bound on the outputs one call with <paramref name="inputCount"/> new samples can produce.</summary>
    public int MaxOutputFor(int inputCount)
        => (int)((long)(inputCount + 1) * _up / _down) + 2;

    /// <summary>Appends input and writes every output that is now fully determined; returns how many.</summary>
    public int Process(ReadOnlySpan<float> input, Span<float> output)
    {
        if (_totalOutputs != long.MaxValue)
        {
            throw new InvalidOperationException("The stream has been completed.");
        }

        Append(input);
        _inputCount += input.Length;
        return Drain(output);
    }

    /// <summary>Ends the stream: the tail is padded with silence so the remaining outputs can be drained.</summary>
    public void Complete()
    {
        if (_totalOutputs != long.MaxValue)
        {
            return;
        }

        _totalOutputs = OutputLength(_inputCount, _down, _up);
        Span<float> silence = stackalloc float[256];
        long needed = _totalOutputs == 0 ? 0 : (_totalOutputs - 1) * _down / _up + _half + 1;
        while (_historyStart + _historyCount < needed)
        {
            int chunk = (int)Math.Min(silence.Length, needed - (_historyStart + _historyCount));
            Append(silence[..chunk]);
        }
    }

    /// <summary>Writes outputs that have become available (after <see cref="Complete"/>, all remaining ones).</summary>
    public int Drain(Span<float> output)
    {
        long available = _historyStart + _historyCount;
        int written = 0;
        while (written < output.Length && _outputIndex < _totalOutputs)
        {
            long numerator = _outputIndex * _down;
            long center = numerator / _up;
            if (center + _half >= available)
            {
                break;
            }

            int phase = (int)(numerator - center * _up);
            ReadOnlySpan<float> kernel = KernelFor(phase);
            ReadOnlySpan<float> taps = _history.AsSpan((int)(center - _half - _historyStart), _kernelLength);
            output[written++] = TensorPrimitives.Dot(taps, kernel);
            _outputIndex++;
        }

        DiscardConsumedHistory();
        return written;
    }

    private ReadOnlySpan<float> KernelFor(int phase)
    {
        if (_phaseTable is not null)
        {
            return _phaseTable.AsSpan(phase * _kernelLength, _kernelLength);
        }

        FillKernel((double)phase / _up, _scratchKernel);
        return _scratchKernel;
    }

    /// <summary>Weights for taps center−half … center+half when the output lies <paramref name="fraction"/> past center.</summary>
    private void FillKernel(double fraction, Span<float> kernel)
    {
        for (int k = 0; k < kernel.Length; k++)
        {
            double offset = fraction - (k - _half);
            kernel[k] = (float)_design.Evaluate(offset);
        }
    }

    private void Append(ReadOnlySpan<float> input)
    {
        if (_historyCount + input.Length > _history.Length)
        {
            Array.Resize(ref _history, Math.Max(_history.Length * 2, _historyCount + input.Length));
        }

        input.CopyTo(_history.AsSpan(_historyCount));
        _historyCount += input.Length;
    }

    private void DiscardConsumedHistory()
    {
        long nextCenter = _outputIndex * _down / _up;
        int drop = (int)Math.Min(_historyCount, nextCenter - _half - _historyStart);
        if (drop <= 0)
        {
            return;
        }

        _history.AsSpan(drop, _historyCount - drop).CopyTo(_history);
        _historyCount -= drop;
        _historyStart += drop;
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
