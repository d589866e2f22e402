using NeuralSynth.Engine.Simd;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NeuralSynth.Ddsp.Runtime;

/// <summary>
/// LayerNorm over a row (ONNX LayerNormalization, last axis: population variance, ε inside the root) followed
/// by LeakyReLU, fused in place. One routine instead of a chain of TensorPrimitives calls because it runs for
/// every voice after every MLP layer and per-call overhead would dominate at widths of 96–128.
/// </summary>
internal sealed class NormalizedLeakyRelu
{
    private readonly float[] _scale, _bias;
    private readonly float _epsilon, _slope;

    public NormalizedLeakyRelu(float[] scale, float[] bias, float epsilon, float slope)
    {
        if (scale.Length != bias.Length || scale.Length == 0) throw new ArgumentException("scale and bias must have the same, non-zero length");
        _scale = scale;
        _bias = bias;
        _epsilon = epsilon;
        _slope = slope;
    }

    public int Width => _scale.Length;

    public void Apply(Span<float> data, int stride, int rows)
    {
        int n = Width;
        if (rows <= 0) return;
        if (stride < n || (long)(rows - 1) * stride + n > data.Length) throw new ArgumentException("rows out of range", nameof(data));
        if (Vector512.IsHardwareAccelerated && n % Vector512<float>.Count == 0)
            for (int r = 0; r < rows; r++) ApplyRow512(ref data[r * stride], n);
        else
            for (int r = 0; r < rows; r++) ApplyRow(ref data[r * stride], n);
    }

    /// <summary>The AVX-512 twin of <see cref="ApplyRow"/> for widths that are whole 16-lane vectors (96, 128 here).</summary>
    private void ApplyRow512(ref float x, int n)
    {
        var sum = Vector512<float>.Zero;
        for (int i = 0; i < n; i += 16) sum += Vector512.LoadUnsafe(ref x, (nuint)i);
        float mean = Vector512.Sum(sum) / n;
        var meanV = Vector512.Create(mean);
        var squares = Vector512<float>.Zero;
        for (int i = 0; i < n; i += 16)
        {
            var d = Vector512.LoadUnsafe(ref x, (nuint)i) - meanV;
            squares = Vector512.FusedMultiplyAdd(d, d, squares);
        }
        float inverse = 1f / MathF.Sqrt(Vector512.Sum(squares) / n + _epsilon);

        ref float g = ref MemoryMarshal.GetArrayDataReference(_scale);
        ref float b = ref MemoryMarshal.GetArrayDataReference(_bias);
        var inverseV = Vector512.Create(inverse);
        var slopeV = Vector512.Create(_slope);
        for (int i = 0; i < n; i += 16)
        {
            var normalized = (Vector512.LoadUnsafe(ref x, (nuint)i) - meanV) * inverseV;
            var y = Vector512.FusedMultiplyAdd(normalized, Vector512.LoadUnsafe(ref g, (nuint)i), Vector512.LoadUnsafe(ref b, (nuint)i));
            Vector512.ConditionalSelect(Vector512.LessThan(y, Vector512<float>.Zero), y * slopeV, y).StoreUnsafe(ref x, (nuint)i);
        }
    }

    private void ApplyRow(ref float x, int n)
    {
        int lanes = Vector<float>.Count, i = 0;
        var sum = Vector<float>.Zero;
        for (; i + lanes <= n; i += lanes) sum += Vector.LoadUnsafe(ref x, (nuint)i);
        float total = Vector.Sum(sum);
        for (; i < n; i++) total += Unsafe.Add(ref x, i);
        float mean = total / n;

        var meanV = new Vector<float>(mean);
        var squares = Vector<float>.Zero;
        i = 0;
        for (; i + lanes <= n; i += lanes)
        {
            var d = Vector.LoadUnsafe(ref x, (nuint)i) - meanV;
            squares = FloatVector.FusedMultiplyAdd(d, d, squares);
        }
        float variance = Vector.Sum(squares);
        for (; i < n; i++) { float d = Unsafe.Add(ref x, i) - mean; variance += d * d; }
        variance /= n;
        float inverse = 1f / MathF.Sqrt(variance + _epsilon);

        ref float g = ref MemoryMarshal.GetArrayDataReference(_scale);
        ref float b = ref MemoryMarshal.GetArrayDataReference(_bias);
        var inverseV = new Vector<float>(inverse);
        var slopeV = new Vector<float>(_slope);
        i = 0;
        for (; i + lanes <= n; i += lanes)
        {
            var normalized = (Vector.LoadUnsafe(ref x, (nuint)i) - meanV) * inverseV;
            var y = FloatVector.FusedMultiplyAdd(normalized, Vector.LoadUnsafe(ref g, (nuint)i), Vector.LoadUnsafe(ref b, (nuint)i));
            Vector.ConditionalSelect(Vector.LessThan(y, Vector<float>.Zero), y * slopeV, y).StoreUnsafe(ref x, (nuint)i);
        }
        for (; i < n; i++)
        {
            float y = (Unsafe.Add(ref x, i) - mean) * inverse * Unsafe.Add(ref g, i) + Unsafe.Add(ref b, i);
            Unsafe.Add(ref x, i) = y < 0 ? y * _slope : y;
        }
    }
}
