namespace NeuralSynth.Neural.Nam;

/// <summary>
/// A model that trades quality for speed by a size in 0..1 (NeuralAmpModelerCore's SlimmableModel:
/// 0 = smallest, 1 = largest). Hosts show it as the "Size" knob.
/// </summary>
internal interface ISlimmableModel
{
    /// <summary>The size last asked for.</summary>
    double Size { get; }

    /// <summary>Sizes where the selected network changes, ascending, strictly inside (0, 1).</summary>
    IReadOnlyList<double> SizeBreakpoints { get; }

    /// <summary>
    /// Selects the network for <paramref name="size"/> with NeuralAmpModelerCore's SetSlimmableSize rule.
    /// Real-time safe: every network was built at load; the switch happens inside Process, crossfaded.
    /// </summary>
    void SetSize(double size);
}
