namespace NeuralSynth.Neural.Nam;

/// <summary>
/// Hands out a model's flat weight array in order. Each architecture first computes the exact count its
/// configuration needs and the loader compares it with the file, so running past the end here is a bug,
/// not a file error.
/// </summary>
internal sealed class WeightCursor
{
    private readonly float[] _weights;

    public WeightCursor(float[] weights) => _weights = weights;

    public int Position { get; private set; }

    public int Remaining => _weights.Length - Position;

    public float Next()
    {
        if (Position >= _weights.Length) throw new InvalidOperationException("weight cursor ran past the end");
        return _weights[Position++];
    }
}
