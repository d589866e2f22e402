namespace NeuralSynth.Neural.Activations;

/// <summary>Element-wise non-linearities the supported model formats use.</summary>
public enum ActivationKind
{
    Identity,
    Tanh,
    /// <summary>NeuralAmpModelerCore's rational tanh approximation (faster, ~1e-3 absolute error).</summary>
    FastTanh,
    Sigmoid,
    ReLU,
    LeakyReLU,
    HardTanh,
    SiLU,
    HardSwish,
}
