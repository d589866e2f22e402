namespace NeuralSynth.Generation.Model;

/// <summary>
/// Opens the real model on first use. A plug-in instance is created (and often destroyed again) by hosts that
/// only scan or restore sessions; opening an ONNX session costs memory and a few hundred milliseconds, so it
/// waits until the generator first composes, which happens on the generator thread, never the audio thread.
/// A model that fails to open stays failed: the error is rethrown on each use (the generator records it).
/// </summary>
public sealed class LazyTokenModel(Func<ITokenModel> open) : ITokenModel
{
    private readonly object _gate = new();
    private ITokenModel? _model;
    private Exception? _failure;
    private bool _disposed;

    /// <summary>True once the model has been opened successfully.</summary>
    public bool IsOpen => Volatile.Read(ref _model) != null;

    public int VocabSize => Model.VocabSize;
    public int ContextLength => Model.ContextLength;
    public int CachedLength => Model.CachedLength;

    public void Reset() => Model.Reset();

    public void Append(ReadOnlySpan<int> tokens, Span<float> nextLogits) => Model.Append(tokens, nextLogits);

    private ITokenModel Model
    {
        get
        {
            if (Volatile.Read(ref _model) is { } model) return model;
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (_failure != null) throw new InvalidOperationException($"generator model failed to open: {_failure.Message}", _failure);
                try
                {
                    Volatile.Write(ref _model, open());
                }
                catch (Exception e)
                {
                    _failure = e;
                    throw;
                }
                return _model!;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _model?.Dispose();
            _model = null;
        }
    }
}
