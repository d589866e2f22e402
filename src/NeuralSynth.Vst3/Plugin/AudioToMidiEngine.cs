using NeuralSynth.Engine.Core;
using NeuralSynth.Product;
using NeuralSynth.Product.Transcription;

namespace NeuralSynth.Vst3.Plugin;

/// <summary>
/// The Audio to MIDI plug-in's engine: the product's <see cref="AudioToMidi"/> over the bundle's Basic Pitch
/// model. Its notes leave through the component's event output bus.
/// </summary>
internal sealed class AudioToMidiEngine : IPluginEngine
{
    public AudioToMidiEngine(string? modelsRoot)
    {
        string model = modelsRoot is null ? "basic-pitch/nmp.onnx" : Path.Combine(modelsRoot, "basic-pitch", "nmp.onnx");
        Product = new AudioToMidi(model);
    }

    public AudioToMidi Product { get; }

    public SpscRing<EngineMessage> Messages { get; } = new(256);
    public bool HasAudioInput => true;
    /// <summary>Offline bounces wait for the transcriber, so every note is in the recording.</summary>
    public bool OfflineRendering
    {
        get => Product.Offline;
        set => Product.Offline = value;
    }
    public int LatencySamples => Product.LatencySamples;

    /// <summary>The notes of the last processed block, offsets within it.</summary>
    public ReadOnlySpan<EngineEvent> OutputEvents => Product.Notes;

    public IModelSlot? SlotFor(uint parameterId) => null;

    public void Prepare(double sampleRate, int maxBlockSize, int channels) => Product.Prepare(sampleRate, maxBlockSize, channels);
    public void Reset() => Product.Reset();

    public void SetParameter(int id, float plain, bool immediate)
    {
        if (immediate) Product.Parameters.SetImmediate(id, plain);
        else Product.Parameters.Set(id, plain);
    }

    public bool Enqueue(in EngineEvent e)
    {
        if (e.Kind == EngineEventKind.Parameter) Product.Parameters.Set(e.ParameterId, e.Value);
        return true;
    }

    public void Process(AudioBlock block, ReadOnlySpan<EngineEvent> events, in HostTransport transport)
    {
        // Parameters are toggles read once per block: apply the block's changes first.
        foreach (ref readonly var e in events)
            if (e.Kind == EngineEventKind.Parameter) Product.Parameters.Set(e.ParameterId, e.Value);
        Product.Process(block);
    }

    public int TailSamples(double sampleRate) => Product.LatencySamples;

    public void Dispose() => Product.Dispose();
}
