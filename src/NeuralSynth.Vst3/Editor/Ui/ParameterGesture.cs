namespace NeuralSynth.Vst3.Editor.Ui;

/// <summary>
/// One mouse gesture on a parameter: beginEdit on the first change, performEdit per change, endEdit on release,
/// so the host records automation as one touch (and nothing at all for a click that changed nothing).
/// </summary>
internal sealed class ParameterGesture(IEditorModel model, uint id)
{
    private bool _begun;

    public uint Id => id;

    public void Set(double normalized)
    {
        normalized = Math.Clamp(normalized, 0.0, 1.0);
        if (!_begun)
        {
            model.BeginEdit(id);
            _begun = true;
        }
        model.PerformEdit(id, normalized);
    }

    public void End()
    {
        if (_begun) model.EndEdit(id);
        _begun = false;
    }

    /// <summary>A whole gesture at once (a click on a list or a toggle).</summary>
    public static void Once(IEditorModel model, uint id, double normalized)
    {
        var gesture = new ParameterGesture(model, id);
        gesture.Set(normalized);
        gesture.End();
    }

    /// <summary>The normalized value of list entry <paramref name="index"/> of a parameter with <paramref name="steps"/> steps.</summary>
    public static double OfIndex(int index, int steps) => steps <= 0 ? 0 : Math.Clamp(index, 0, steps) / (double)steps;

    public static int IndexOf(double normalized, int steps) => steps <= 0 ? 0 : (int)Math.Round(Math.Clamp(normalized, 0, 1) * steps);
}
