namespace NeuralSynth.Engine.Dsp;

/// <summary>Fixed-capacity delay for latency compensation; the delay may change between calls.</summary>
public sealed class DelayLine
{
    private readonly float[] _buffer;
    private readonly float[] _output;
    private int _write;

    public DelayLine(int capacity)
    {
        _buffer = new float[capacity];
        _output = new float[capacity];
    }

    public void Clear()
    {
        Array.Clear(_buffer);
        _write = 0;
    }

    /// <summary>Pushes <paramref name="input"/> and computes it delayed by <paramref name="delay"/> samples.</summary>
    public void Process(ReadOnlySpan<float> input, int delay)
    {
        delay = Math.Clamp(delay, 0, _buffer.Length - input.Length);
        int n = _buffer.Length;
        for (int i = 0; i < input.Length; i++)
        {
            _buffer[_write] = input[i];
            int read = _write - delay;
            if (read < 0) read += n;
            _output[i] = _buffer[read];
            if (++_write == n) _write = 0;
        }
    }

    public ReadOnlySpan<float> LastOutput(int length) => _output.AsSpan(0, length);
}
