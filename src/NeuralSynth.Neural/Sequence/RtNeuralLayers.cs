using NeuralSynth.Neural.Activations;

namespace NeuralSynth.Neural.Sequence;

/// <summary>
/// RTNeural's stand-alone activation layers ("activation" type, or the "activation" field of a dense/conv1d
/// layer): element-wise tanh/relu/sigmoid/elu (alpha 1) and softmax over the frame. No state, no allocation
/// in <see cref="Step"/>.
/// </summary>
internal sealed class ActivationLayer : SequenceLayer
{
    private readonly float[] _output;

    /// <param name="size">Frame width.</param>
    /// <param name="name">"tanh", "relu", "sigmoid", "elu" or "softmax" (RTNeural's names).</param>
    public ActivationLayer(int size, string name)
    {
        if (size <= 0) throw new ArgumentOutOfRangeException(nameof(size));
        Name = name switch
        {
            "tanh" or "relu" or "sigmoid" or "elu" or "softmax" => name,
            _ => throw new ArgumentException($"unknown activation '{name}'", nameof(name)),
        };
        Kind = name switch
        {
            "tanh" => ActivationKind.Tanh,
            "relu" => ActivationKind.ReLU,
            "sigmoid" => ActivationKind.Sigmoid,
            _ => ActivationKind.Identity,
        };
        _mode = name switch { "elu" => Mode.Elu, "softmax" => Mode.Softmax, _ => Mode.Elementwise };
        _output = new float[size];
    }

    public string Name { get; }
    internal ActivationKind Kind { get; }
    private enum Mode { Elementwise, Elu, Softmax }
    private readonly Mode _mode;
    public override int InputSize => _output.Length;
    public override int OutputSize => _output.Length;
    public override void Reset() { }

    public override ReadOnlySpan<float> Step(ReadOnlySpan<float> input)
    {
        input[.._output.Length].CopyTo(_output);
        switch (_mode)
        {
            case Mode.Elu:
                for (int i = 0; i < _output.Length; i++)
                    if (_output[i] <= 0f) _output[i] = MathF.Exp(_output[i]) - 1f;
                break;
            case Mode.Softmax:
                // Shifted by the maximum (same result, no overflow to Inf/Inf = NaN on large inputs).
                float max = float.NegativeInfinity;
                for (int i = 0; i < _output.Length; i++) max = MathF.Max(max, _output[i]);
                float sum = 0f;
                for (int i = 0; i < _output.Length; i++) sum += _output[i] = MathF.Exp(_output[i] - max);
                float scale = 1f / sum;
                for (int i = 0; i < _output.Length; i++) _output[i] *= scale;
                break;
            default:
                Activation.Apply(Kind, _output.AsSpan());
                break;
        }
        return _output;
    }
}

/// <summary>RTNeural "prelu": <c>y = x &gt;= 0 ? x : alpha[i]·x</c>, one alpha per channel (or one shared).</summary>
internal sealed class PReluLayer : SequenceLayer
{
    private readonly float[] _alpha;
    private readonly float[] _output;

    public PReluLayer(ReadOnlySpan<float> alpha)
    {
        if (alpha.Length == 0) throw new ArgumentException("needs at least one alpha", nameof(alpha));
        _alpha = alpha.ToArray();
        _output = new float[alpha.Length];
    }

    public override int InputSize => _output.Length;
    public override int OutputSize => _output.Length;
    public override void Reset() { }

    public override ReadOnlySpan<float> Step(ReadOnlySpan<float> input)
    {
        for (int i = 0; i < _output.Length; i++)
        {
            float x = input[i];
            _output[i] = x >= 0f ? x : x * _alpha[i];
        }
        return _output;
    }
}

/// <summary>
/// RTNeural "batchnorm" (inference): <c>y = (x - mean)·gamma/sqrt(var + epsilon) + beta</c>; gamma 1 and
/// beta 0 when the layer is not affine.
/// </summary>
internal sealed class BatchNormLayer : SequenceLayer
{
    private readonly float[] _mean;
    private readonly float[] _multiplier;
    private readonly float[] _beta;
    private readonly float[] _output;

    public BatchNormLayer(ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, ReadOnlySpan<float> mean, ReadOnlySpan<float> variance, float epsilon)
    {
        int n = mean.Length;
        if (n == 0 || gamma.Length != n || beta.Length != n || variance.Length != n)
            throw new ArgumentException("gamma, beta, mean and variance must have one value per channel");
        _mean = mean.ToArray();
        _beta = beta.ToArray();
        _multiplier = new float[n];
        for (int i = 0; i < n; i++) _multiplier[i] = gamma[i] / MathF.Sqrt(variance[i] + epsilon);
        _output = new float[n];
    }

    public override int InputSize => _output.Length;
    public override int OutputSize => _output.Length;
    public override void Reset() { }

    public override ReadOnlySpan<float> Step(ReadOnlySpan<float> input)
    {
        for (int i = 0; i < _output.Length; i++) _output[i] = (input[i] - _mean[i]) * _multiplier[i] + _beta[i];
        return _output;
    }
}
