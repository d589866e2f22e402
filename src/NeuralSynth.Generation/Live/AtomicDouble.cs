namespace NeuralSynth.Generation.Live;

/// <summary>A double shared between threads without locks (stored as its bit pattern in a long).</summary>
internal sealed class AtomicDouble
{
    private long _bits;

    public AtomicDouble(double value) => _bits = BitConverter.DoubleToInt64Bits(value);

    public double Read() => BitConverter.Int64BitsToDouble(Volatile.Read(ref _bits));

    public void Write(double value) => Volatile.Write(ref _bits, BitConverter.DoubleToInt64Bits(value));
}
