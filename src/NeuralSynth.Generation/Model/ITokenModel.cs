namespace NeuralSynth.Generation.Model;

/// <summary>
/// An autoregressive next-token model with an internal KV cache. The sampler only needs this, so tests can
/// drive the grammar, scheduler and live feed with a tiny deterministic stand-in while production uses ONNX.
/// </summary>
public interface ITokenModel : IDisposable
{
    int VocabSize { get; }

    /// <summary>Longest sequence (cache + new tokens) the model was trained on.</summary>
    int ContextLength { get; }

    /// <summary>Tokens currently held in the cache.</summary>
    int CachedLength { get; }

    /// <summary>Empties the cache; the next <see cref="Append"/> starts again at position 0.</summary>
    void Reset();

    /// <summary>Runs <paramref name="tokens"/> through the model after the cached ones and writes the
    /// next-token logits that follow the last of them.</summary>
    void Append(ReadOnlySpan<int> tokens, Span<float> nextLogits);
}
