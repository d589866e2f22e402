namespace NeuralSynth.Neural.Tests;

/// <summary>The knob-conditioned effect models trained by models/fx/recipe, with their 5 test settings.</summary>
internal static class FxModelFiles
{
    public static string Folder(string effect) => Path.Combine(RepoPaths.Root, "models", "fx", effect);

    public static string Json(string effect) => Path.Combine(Folder(effect), "model.json");

    public static string Onnx(string effect) => Path.Combine(Folder(effect), "model.onnx");

    /// <summary>The same settings the recipe reports held-out ESR at (train.py EVAL_KNOBS).</summary>
    public static readonly float[][] OverdriveSettings = [[0f, 0.5f], [0.25f, 0.2f], [0.5f, 0.5f], [0.75f, 0.8f], [1f, 1f]];
    public static readonly float[][] CompressorSettings = [[1f, 0f], [0.2f, 0.3f], [0.5f, 0.5f], [0.8f, 0.9f], [0f, 1f]];
}
