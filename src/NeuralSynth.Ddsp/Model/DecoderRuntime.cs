namespace NeuralSynth.Ddsp.Model;

/// <summary>Which implementation computes a decoder frame.</summary>
public enum DecoderRuntime
{
    /// <summary>NeuralSynth's allocation-free SIMD runtime: the product path (audio thread).</summary>
    Managed,

    /// <summary>ONNX Runtime on the exported graph: the independent reference the managed runtime is tested against.</summary>
    OnnxRuntime,
}
