using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Presets;
using NeuralSynth.Engine.Synth;
using NeuralSynth.Generation.Instrument;
using NeuralSynth.Generation.Live;
using NeuralSynth.Generation.Model;
using NeuralSynth.Product.Models;

namespace NeuralSynth.Product.Instrument;

/// <summary>
/// The NeuralSynth instrument as every front end builds it: the polyphonic synth, its sound source (additive
/// or a DDSP decoder, <see cref="SoundSourceSlot"/>) and the live composer (<see cref="GenerativeSynth"/>,
/// whose model opens on its own thread the first time the Generator plays). The VST3 instrument, the CLI's
/// render and the soak all play this object.
/// </summary>
public sealed class ProductInstrument : IInstrument, IDisposable
{
    private readonly string? _transcriptionModel;

    /// <param name="transcriptionModel">Basic Pitch (nmp.onnx) for "Continue What I Play" from an audio input, or null.</param>
    public ProductInstrument(ModelLibrary library, string? generatorModel, string? transcriptionModel = null)
    {
        _transcriptionModel = transcriptionModel;
        Synth = new SynthEngine();
        var model = new LazyTokenModel(() => GeneratorModelInfo.Load(generatorModel).Open());
        Instrument = new GenerativeSynth(Synth, new LiveGenerator(model, ownsModel: true));
        SoundSources = new SoundSourceSlot(Synth, library);
    }

    /// <summary>An instrument whose models come from the bundled folder <paramref name="modelsRoot"/> and the user's folders.</summary>
    public static ProductInstrument Create(string? modelsRoot) =>
        new(ModelLibrary.Discover(modelsRoot), modelsRoot is null ? null : Path.Combine(modelsRoot, "generator", "model.onnx"),
            modelsRoot is null ? null : Path.Combine(modelsRoot, "basic-pitch", "nmp.onnx"));

    /// <summary>
    /// Lets the live generator hear an audio input (a sidechain): sung or played notes are transcribed on their
    /// own thread and become the primer of "Continue What I Play". Call while not processing, after
    /// <see cref="Prepare"/>, with the rate the input runs at; then feed the input with <see cref="Process(AudioBlock, ReadOnlySpan{EngineEvent}, ReadOnlySpan{float})"/>.
    /// </summary>
    public void ListenToInput(double sampleRate)
    {
        if (_transcriptionModel is null) throw new NeuralSynth.Engine.InvalidInputException("no transcription model to listen with");
        Instrument.Listen(new NeuralSynth.Transcription.Streaming.StreamingTranscriber(_transcriptionModel, (int)Math.Round(sampleRate)));
    }

    public SynthEngine Synth { get; }
    public GenerativeSynth Instrument { get; }
    public SoundSourceSlot SoundSources { get; }

    public int LatencySamples => Instrument.LatencySamples;

    /// <summary>Applies a preset's parameters and chooses its decoder (or the additive voice) as the sound source.</summary>
    /// <returns>The Sound Source index the preset chose.</returns>
    public int ApplyPreset(Preset preset)
    {
        PresetLoader.Apply(preset, Synth.Parameters);
        int index = SoundSourceOf(preset);
        SoundSources.Request(index);
        return index;
    }

    /// <summary>The Sound Source index a preset asks for: its models.decoder, or 0 (additive).</summary>
    public int SoundSourceOf(Preset preset)
    {
        if (!preset.Models.TryGetValue("decoder", out var decoder)) return 0;
        int index = SoundSources.IndexOfDecoder(decoder);
        return index >= 0 ? index : throw new NeuralSynth.Engine.InvalidInputException($"{preset.Name}: models.decoder {decoder} is not in the model library");
    }

    public void Prepare(double sampleRate, int maxBlockSize, int channels)
    {
        Instrument.Prepare(sampleRate, maxBlockSize, channels);
        SoundSources.Configure();
    }

    public void Reset() => Instrument.Reset();

    public void Process(AudioBlock block) => Instrument.Process(block);
    public void Process(AudioBlock block, ReadOnlySpan<EngineEvent> events) => Instrument.Process(block, events);

    /// <summary>Renders a block while the listener (see <see cref="ListenToInput"/>) hears <paramref name="input"/>.</summary>
    public void Process(AudioBlock block, ReadOnlySpan<EngineEvent> events, ReadOnlySpan<float> input) => Instrument.Process(block, events, input);

    public void Dispose()
    {
        SoundSources.Dispose();
        Instrument.Dispose();
    }
}
