namespace NeuralSynth.Product.Effects;

/// <summary>The processing setup a model is prepared for. <see cref="Offline"/>: the host renders faster than
/// real time (bounce, CLI), so worker-thread models wait for their results instead of dropping them. <see cref="Seed"/>: for models that draw noise (RAVE).
/// <see cref="FastTanh"/>: .nam models use NeuralAmpModelerCore's fast tanh approximation (off: exact, see NamProcessor.UseFastTanh).</summary>
public readonly record struct EffectSetup(double SampleRate, int MaxBlockSize, int Channels, bool Offline = false, string Provider = "cpu", ulong Seed = 1, bool FastTanh = false);
