namespace NeuralSynth.Engine.Parameters;

/// <summary>How a normalized 0..1 host value maps onto a parameter's plain range.</summary>
public enum ParameterScale
{
    Linear,
    /// <summary>Equal ratios per equal knob travel (frequencies, times). Requires Min &gt; 0.</summary>
    Logarithmic,
    /// <summary>Integer steps from Min to Max; with value names it is a choice list.</summary>
    Stepped,
    Toggle,
}
