using System.Numerics;
using System.Runtime.Intrinsics;
using NeuralSynth.Engine.Simd;
using Xunit;

namespace NeuralSynth.Engine.Tests.Simd;

public class LaneSumsTests
{
    /// <summary>Each row sum is within float rounding of the exact sum, and bit-identical wherever the row sits in
    /// the span it is reduced with (a full group of eight or a short tail).</summary>
    [Fact]
    public void SumsAreExactAndIndependentOfTheSplit()
    {
        var random = new Random(5);
        var wide = new Vector512<float>[37];
        var narrow = new Vector<float>[37];
        var values = new float[37 * 16];
        for (int i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        for (int n = 0; n < 37; n++)
        {
            wide[n] = Vector512.Create(values.AsSpan(n * 16, 16));
            narrow[n] = new Vector<float>(values.AsSpan(n * 16, Vector<float>.Count));
        }
        Check(wide, (a, d) => LaneSums.Reduce(a, d), 16, values);
        Check(narrow, (a, d) => LaneSums.Reduce(a, d), Vector<float>.Count, values);
    }

    private delegate void Reducer<T>(ReadOnlySpan<T> accumulators, Span<float> destination);

    private static void Check<T>(T[] rows, Reducer<T> reduce, int lanes, float[] values)
    {
        var whole = new float[rows.Length];
        reduce(rows, whole);
        for (int n = 0; n < rows.Length; n++)
        {
            double exact = 0;
            for (int l = 0; l < lanes; l++) exact += values[n * 16 + l];
            Assert.True(Math.Abs(whole[n] - exact) <= 1e-6, $"row {n}: {whole[n]} against {exact}");
        }
        for (int start = 0; start < rows.Length; start++)
            for (int length = 1; start + length <= rows.Length && length <= 11; length++)
            {
                var part = new float[length];
                reduce(rows.AsSpan(start, length), part);
                for (int i = 0; i < length; i++) Assert.Equal(whole[start + i], part[i]);
            }
    }
}
