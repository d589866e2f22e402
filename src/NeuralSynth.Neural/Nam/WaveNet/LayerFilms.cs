namespace NeuralSynth.Neural.Nam.WaveNet;

/// <summary>
/// The eight FiLM sites of a WaveNet layer, in the order the file's weights list them:
/// before/after the dilated conv, before/after the input mixin, before/after the activation, after the
/// layer 1x1 and after the head 1x1.
/// </summary>
public sealed record LayerFilms(
    FilmConfig ConvPre,
    FilmConfig ConvPost,
    FilmConfig InputMixinPre,
    FilmConfig InputMixinPost,
    FilmConfig ActivationPre,
    FilmConfig ActivationPost,
    FilmConfig Layer1x1Post,
    FilmConfig Head1x1Post)
{
    public static LayerFilms None { get; } = new(FilmConfig.Off, FilmConfig.Off, FilmConfig.Off, FilmConfig.Off,
        FilmConfig.Off, FilmConfig.Off, FilmConfig.Off, FilmConfig.Off);
}
