using System.Numerics.Tensors;
using NeuralSynth.Neural.Kernels;

namespace NeuralSynth.Neural.Nam.WaveNet;

/// <summary>
/// One residual WaveNet layer, as NeuralAmpModelerCore defines it (format 0.5 through 0.7):
/// <c>z = DilatedConv(x) + Mixin(condition)</c>, activation (plain, gated or blended), then
/// skip: <c>head += z</c> (or a head 1x1 of it), residual: <c>next = x + Layer1x1(z)</c> (or just x),
/// with optional FiLM modulation at eight points. Without post-FiLMs the dilated conv and the condition mixin
/// share one kernel call: the condition rows are just extra source rows after the K·C conv taps.
/// </summary>
internal sealed class WaveNetLayer
{
    private readonly WaveNetLayerArrayConfig _config;
    private readonly int _kernelSize;
    private readonly GatingMode _gating;
    private readonly NamActivation _activation;
    private readonly NamActivation _secondary;
    private readonly bool _fused;
    private readonly PackedRowMatrix _conv;
    private readonly PackedRowMatrix? _mixin;
    private readonly PackedRowMatrix? _layer1x1;
    private readonly PackedRowMatrix? _head1x1;
    private readonly FilmBlock? _convPre, _convPost, _mixinPre, _mixinPost, _activationPre, _activationPost, _layer1x1Post, _head1x1Post;
    private readonly int[] _convSources;
    private readonly int[] _mixinSources;
    private readonly int[] _bottleneckSources;
    private HistoryMatrix? _input;
    private HistoryMatrix? _filmedInput;

    public WaveNetLayer(WaveNetLayerArrayConfig config, int index)
    {
        _config = config;
        Dilation = config.Dilations[index];
        _kernelSize = config.KernelSizes[index];
        _gating = config.GatingModes[index];
        _activation = config.Activations[index];
        _secondary = config.SecondaryActivations[index];
        ConvOutputs = config.ConvOutputs(index);
        int c = config.Channels, b = config.Bottleneck, cond = config.ConditionSize;
        var films = config.Films;
        _fused = !films.ConvPost.Active && !films.InputMixinPost.Active;
        int convColumns = _kernelSize * c + (_fused ? cond : 0);
        _conv = new PackedRowMatrix(ConvOutputs, convColumns, hasBias: true);
        if (!_fused) _mixin = new PackedRowMatrix(ConvOutputs, cond, hasBias: false);
        if (config.Layer1x1Active) _layer1x1 = new PackedRowMatrix(c, b, hasBias: true);
        if (config.Head1x1Active) _head1x1 = new PackedRowMatrix(config.Head1x1OutChannels, b, hasBias: true);
        _convPre = Film(films.ConvPre, c);
        _convPost = Film(films.ConvPost, ConvOutputs);
        _mixinPre = Film(films.InputMixinPre, cond);
        _mixinPost = Film(films.InputMixinPost, ConvOutputs);
        _activationPre = Film(films.ActivationPre, ConvOutputs);
        _activationPost = Film(films.ActivationPost, b);
        _layer1x1Post = config.Layer1x1Active ? Film(films.Layer1x1Post, c) : null;
        _head1x1Post = config.Head1x1Active ? Film(films.Head1x1Post, config.Head1x1OutChannels) : null;
        _convSources = new int[convColumns];
        _mixinSources = new int[cond];
        _bottleneckSources = new int[b];

        FilmBlock? Film(FilmConfig film, int channels) => film.Active ? new FilmBlock(film, cond, channels) : null;
    }

    public int Dilation { get; }

    public int ConvOutputs { get; }

    /// <summary>Rows of FiLM scratch this layer needs.</summary>
    public int FilmScratchRows => new[] { _convPre, _convPost, _mixinPre, _mixinPost, _activationPre, _activationPost, _layer1x1Post, _head1x1Post }
        .Max(f => f?.ScratchRows ?? 0);

    /// <summary>This layer's input history (written by the previous layer or the rechannel).</summary>
    public HistoryMatrix Input => _input ?? throw new InvalidOperationException("Prepare was not called");

    /// <summary>Consumes weights in NAM order: conv [out][in][tap] + bias, mixin, layer 1x1 + bias, head 1x1 + bias, FiLMs.</summary>
    public void LoadWeights(WeightCursor weights)
    {
        int c = _config.Channels, b = _config.Bottleneck, cond = _config.ConditionSize;
        GroupedWeights.Load(weights, _conv, ConvOutputs, c, _config.GroupsInput, _kernelSize);
        GroupedWeights.LoadBias(weights, _conv, ConvOutputs);
        if (_fused) GroupedWeights.Load(weights, _conv, ConvOutputs, cond, _config.GroupsInputMixin, columnOffset: _kernelSize * c);
        else GroupedWeights.Load(weights, _mixin!, ConvOutputs, cond, _config.GroupsInputMixin);
        if (_layer1x1 is not null)
        {
            GroupedWeights.Load(weights, _layer1x1, c, b, _config.Layer1x1Groups);
            GroupedWeights.LoadBias(weights, _layer1x1, c);
        }
        if (_head1x1 is not null)
        {
            GroupedWeights.Load(weights, _head1x1, _config.Head1x1OutChannels, b, _config.Head1x1Groups);
            GroupedWeights.LoadBias(weights, _head1x1, _config.Head1x1OutChannels);
        }
        foreach (var film in new[] { _convPre, _convPost, _mixinPre, _mixinPost, _activationPre, _activationPost, _layer1x1Post, _head1x1Post })
            film?.LoadWeights(weights);
    }

    public void Plan(FloatArena arena, int paddedMax)
    {
        int lookback = Dilation * (_kernelSize - 1);
        // With a pre-conv FiLM the conv reads the modulated signal's past, while the residual adds the raw input.
        _input = new HistoryMatrix(arena, _config.Channels, _convPre is null ? lookback : 0, paddedMax);
        if (_convPre is not null) _filmedInput = new HistoryMatrix(arena, _config.Channels, lookback, paddedMax);
    }

    public void Bind(float[] data)
    {
        Input.Bind(data);
        _filmedInput?.Bind(data);
    }

    public void Reset()
    {
        Input.Reset();
        _filmedInput?.Reset();
    }

    public void EnsureRoom(int padded)
    {
        Input.EnsureRoom(padded);
        _filmedInput?.EnsureRoom(padded);
    }

    public void Advance(int frames)
    {
        Input.Advance(frames);
        _filmedInput?.Advance(frames);
    }

    /// <param name="data">Model arena.</param>
    /// <param name="scratch">Shared work rows (stride <paramref name="padded"/>).</param>
    /// <param name="head">Head accumulator rows (<see cref="WaveNetLayerArrayConfig.HeadInputSize"/>).</param>
    /// <param name="headStride">Row stride of the head accumulator.</param>
    /// <param name="destination">Where the residual output goes (next layer's history or the array output).</param>
    /// <param name="destinationStride">Row stride of the destination.</param>
    /// <param name="padded">Padded block length.</param>
    /// <param name="fastTanh">Replace exact tanh activations by NAM's rational approximation.</param>
    public void Process(float[] data, WaveNetScratch scratch, int head, int headStride, int destination,
        int destinationStride, int padded, bool fastTanh)
    {
        var input = Input;
        int c = _config.Channels, b = _config.Bottleneck, cond = _config.ConditionSize;
        int z = scratch.Z;

        var convInput = input;
        if (_convPre is not null)
        {
            convInput = _filmedInput!;
            _convPre.Apply(data, scratch.Condition, scratch.Film, input.At(0, 0), input.RowStride,
                convInput.At(0, 0), convInput.RowStride, padded);
        }
        int mixinInput = scratch.Condition;
        if (_mixinPre is not null)
        {
            _mixinPre.Apply(data, scratch.Condition, scratch.Film, scratch.Condition, padded, scratch.FilmedCondition, padded, padded);
            mixinInput = scratch.FilmedCondition;
        }
        for (int tap = 0; tap < _kernelSize; tap++)
        {
            int delay = Dilation * (_kernelSize - 1 - tap);
            for (int i = 0; i < c; i++) _convSources[tap * c + i] = convInput.At(i, delay);
        }
        for (int m = 0; m < cond; m++) _mixinSources[m] = mixinInput + m * padded;

        if (_fused)
        {
            _mixinSources.CopyTo(_convSources, _kernelSize * c);
            RowMatrixKernel.Multiply(_conv, data, _convSources, z, padded, -1, 0, padded);
        }
        else
        {
            RowMatrixKernel.Multiply(_conv, data, _convSources, z, padded, -1, 0, padded);
            _convPost?.ApplyInPlace(data, scratch.Condition, scratch.Film, z, padded);
            RowMatrixKernel.Multiply(_mixin!, data, _mixinSources, scratch.Mixin, padded, -1, 0, padded);
            _mixinPost?.ApplyInPlace(data, scratch.Condition, scratch.Film, scratch.Mixin, padded);
            var sum = data.AsSpan(z, ConvOutputs * padded);
            TensorPrimitives.Add(sum, data.AsSpan(scratch.Mixin, ConvOutputs * padded), sum);
        }
        _activationPre?.ApplyInPlace(data, scratch.Condition, scratch.Film, z, padded);

        var top = data.AsSpan(z, b * padded);
        var bottom = data.AsSpan(z + b * padded, _gating == GatingMode.None ? 0 : b * padded);
        switch (_gating)
        {
            case GatingMode.None:
                _activation.Apply(data, z, b, padded, padded, fastTanh);
                break;
            case GatingMode.Gated:
                _activation.Apply(data, z, b, padded, padded, fastTanh);
                _secondary.Apply(data, z + b * padded, b, padded, padded, fastTanh);
                TensorPrimitives.Multiply(top, bottom, top);
                break;
            case GatingMode.Blended:
                var pre = data.AsSpan(scratch.PreActivation, b * padded);
                top.CopyTo(pre);
                _activation.Apply(data, z, b, padded, padded, fastTanh);
                _secondary.Apply(data, z + b * padded, b, padded, padded, fastTanh);
                for (int i = 0; i < top.Length; i++) top[i] = bottom[i] * top[i] + (1f - bottom[i]) * pre[i];
                break;
        }
        _activationPost?.ApplyInPlace(data, scratch.Condition, scratch.Film, z, padded);

        for (int i = 0; i < b; i++) _bottleneckSources[i] = z + i * padded;
        if (_head1x1 is not null)
        {
            RowMatrixKernel.Multiply(_head1x1, data, _bottleneckSources, scratch.Head1x1, padded, -1, 0, padded);
            _head1x1Post?.ApplyInPlace(data, scratch.Condition, scratch.Film, scratch.Head1x1, padded);
            AddRows(data, scratch.Head1x1, padded, head, headStride, _config.Head1x1OutChannels, padded);
        }
        else
        {
            AddRows(data, z, padded, head, headStride, b, padded);
        }

        if (_layer1x1 is null)
        {
            for (int i = 0; i < c; i++)
                data.AsSpan(input.At(i, 0), padded).CopyTo(data.AsSpan(destination + i * destinationStride, padded));
        }
        // NeuralAmpModelerCore at the pinned commit modulates the layer 1x1 output only in blended layers (its
        // other gating branches skip that FiLM, though the weights are still read); the goldens follow that.
        else if (_layer1x1Post is not null && _gating == GatingMode.Blended)
        {
            RowMatrixKernel.Multiply(_layer1x1, data, _bottleneckSources, scratch.Layer1x1, padded, -1, 0, padded);
            _layer1x1Post.ApplyInPlace(data, scratch.Condition, scratch.Film, scratch.Layer1x1, padded);
            for (int i = 0; i < c; i++)
                TensorPrimitives.Add(data.AsSpan(input.At(i, 0), padded), data.AsSpan(scratch.Layer1x1 + i * padded, padded),
                    data.AsSpan(destination + i * destinationStride, padded));
        }
        else
        {
            RowMatrixKernel.Multiply(_layer1x1, data, _bottleneckSources, destination, destinationStride,
                input.At(0, 0), input.RowStride, padded);
        }
    }

    private static void AddRows(float[] data, int source, int sourceStride, int destination, int destinationStride, int rows, int columns)
    {
        for (int r = 0; r < rows; r++)
        {
            var target = data.AsSpan(destination + r * destinationStride, columns);
            TensorPrimitives.Add(target, data.AsSpan(source + r * sourceStride, columns), target);
        }
    }
}
