namespace NeuralSynth.Neural.Nam;

/// <summary>How a <see cref="NamActivation"/> computes its output.</summary>
public enum NamActivationShape
{
    /// <summary>An engine <see cref="ActivationKind"/> without parameters.</summary>
    Standard,
    LeakyReLU,
    PReLU,
    LeakyHardTanh,
    Softsign,
}
