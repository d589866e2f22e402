using NeuralSynth.Generation.Model;
using NeuralSynth.Generation.Tokens;

namespace NeuralSynth.Generation.Tests;

/// <summary>
/// Deterministic stand-in for the ONNX model: logits are a hash of (last token, position), with a lean toward
/// Bar/Position so bars stay short. Lets grammar, scheduler and live-feed tests run fast and without the model.
/// </summary>
internal sealed class FakeTokenModel(int contextLength = 512, int delayMicroseconds = 0) : ITokenModel
{
    private int _last;

    public int VocabSize => RemiVocabulary.Size;

    public int ContextLength => contextLength;

    public int CachedLength { get; private set; }

    public int Appends { get; private set; }

    public void Reset()
    {
        CachedLength = 0;
        _last = 0;
    }

    public void Append(ReadOnlySpan<int> tokens, Span<float> nextLogits)
    {
        CachedLength += tokens.Length;
        if (CachedLength > contextLength) throw new InvalidOperationException("context overflow");
        _last = tokens[^1];
        Appends++;
        ulong h = (ulong)(_last * 7919 + CachedLength * 104729) | 1;
        for (int i = 0; i < nextLogits.Length; i++)
        {
            h ^= h << 13; h ^= h >> 7; h ^= h << 17;
            float v = (h >> 40) / (float)(1 << 24) * 2f;
            var kind = RemiVocabulary.KindOf(i);
            if (kind is TokenKind.Bar) v += 1.5f;
            if (kind is TokenKind.Position) v += 2f;
            nextLogits[i] = v;
        }
        if (delayMicroseconds > 0) Thread.Sleep(TimeSpan.FromMicroseconds(delayMicroseconds));
    }

    public void Dispose()
    {
    }
}
