using NeuralSynth.Generation.Music;

namespace NeuralSynth.Generation.Sampling;

/// <summary>
/// Theme control in the spirit of Theme Transformer, without its seq2seq training: a plain decoder given a theme
/// only as a prompt tends to drift away from it, so the sampler (1) opens with the theme, (2) re-states it
/// verbatim at every <paramref name="EveryBars"/>-th bar (phrase boundaries) by forcing its tokens through the
/// model, so the continuation after each statement is conditioned on a fresh occurrence, and (3) adds
/// <paramref name="PitchBias"/> to the logits of the theme's pitches in the free bars so its material keeps
/// resurfacing in variations. Theme notes are the user's and are not key-masked.
/// </summary>
/// <param name="Motif">The theme, with its first bar at bar 0 (any length, whole bars are used).</param>
internal sealed record ThemeOptions(Score Motif, int EveryBars = 4, float PitchBias = 0.75f)
{
    public int MotifBars => Math.Max(1, (Motif.LengthSteps + Motif.Meter.StepsPerBar() - 1) / Motif.Meter.StepsPerBar());
}
