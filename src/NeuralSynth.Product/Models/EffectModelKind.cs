namespace NeuralSynth.Product.Models;

/// <summary>What runs a model in the effect's slot.</summary>
public enum EffectModelKind
{
    /// <summary>A Neural Amp Modeler <c>.nam</c> capture.</summary>
    Nam,
    /// <summary>A GuitarML / RTNeural <c>.json</c> network (with knobs when its manifest names them).</summary>
    SequenceJson,
    /// <summary>An ONNX effect (<c>.onnx</c>, optional manifest.json beside it).</summary>
    Onnx,
    /// <summary>A streaming RAVE model folder (manifest.json with format "neuralsynth-rave").</summary>
    Rave,
    /// <summary>DDSP timbre transfer through a decoder folder (format "neuralsynth-ddsp-decoder").</summary>
    DdspTransfer,
}
