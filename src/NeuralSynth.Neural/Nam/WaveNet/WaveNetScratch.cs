namespace NeuralSynth.Neural.Nam.WaveNet;

/// <summary>
/// Arena offsets of the per-block work rows all layers of a model share (each row has the block's padded
/// length as stride). Sized in Prepare for the widest layer.
/// </summary>
internal sealed class WaveNetScratch
{
    /// <summary>Condition rows every layer mixes in (the audio, or the condition DSP's output).</summary>
    public int Condition;

    /// <summary>The condition after an input-mixin pre-FiLM.</summary>
    public int FilmedCondition;

    /// <summary>Conv + mixin output, then the activation (top rows) in place.</summary>
    public int Z;

    /// <summary>Input mixin output when it cannot be fused into the conv (post-FiLM on either).</summary>
    public int Mixin;

    /// <summary>Pre-activation copy a blended layer mixes back in.</summary>
    public int PreActivation;

    /// <summary>FiLM scale/shift rows.</summary>
    public int Film;

    /// <summary>Layer 1x1 output when it is modulated before the residual add.</summary>
    public int Layer1x1;

    /// <summary>Head 1x1 output.</summary>
    public int Head1x1;
}
