using NeuralSynth.Ddsp.Timbre;
using NeuralSynth.Engine;
using NeuralSynth.Engine.Synth;
using NeuralSynth.Product.Models;

namespace NeuralSynth.Product.Instrument;

/// <summary>
/// The instrument's sound source: index 0 is the additive (parametric) voice, index i is the DDSP decoder
/// <see cref="ModelLibrary.Decoders"/>[i - 1], opened and prepared on a worker thread and handed to the synth,
/// which adopts it at its next block.
/// </summary>
public sealed class SoundSourceSlot : IModelSlot, IDisposable
{
    public const string Additive = "Additive";
    private readonly SynthEngine _synth;
    private readonly BackgroundSlot<ITimbreSource> _slot;

    public SoundSourceSlot(SynthEngine synth, ModelLibrary library)
    {
        _synth = synth;
        Library = library;
        _slot = new BackgroundSlot<ITimbreSource>(new SynthTarget(synth), Load, "NeuralSynth sound source loader");
        Names = NamesFor(library);
    }

    /// <summary>"Additive", then "DDSP Violin", "DDSP Flute"... for the library's decoders.</summary>
    public static string[] NamesFor(ModelLibrary library) =>
        [Additive, .. library.Decoders.Select(d => "DDSP " + TitleCase(d.Name) + (d.Root.IsUser ? " (user)" : ""))];

    public ModelLibrary Library { get; }

    /// <summary>What the Sound Source parameter lists, in index order.</summary>
    public IReadOnlyList<string> Names { get; }

    public event Action? Changed
    {
        add => _slot.Changed += value;
        remove => _slot.Changed -= value;
    }

    public int LoadedIndex => _slot.LoadedIndex;
    public int RequestedIndex => _slot.RequestedIndex;
    public string? LastError => _slot.LastError;
    public ModelEntry? EntryAt(int index) => index >= 1 && index <= Library.Decoders.Count ? Library.Decoders[index - 1] : null;

    /// <summary>The Sound Source index of a decoder folder or file, or -1 when the library has none there.</summary>
    public int IndexOfDecoder(string decoderPath)
    {
        string folder = Directory.Exists(decoderPath) ? Path.GetFullPath(decoderPath) : Path.GetDirectoryName(Path.GetFullPath(decoderPath))!;
        folder = Path.TrimEndingDirectorySeparator(folder);
        for (int i = 0; i < Library.Decoders.Count; i++)
            if (string.Equals(Path.TrimEndingDirectorySeparator(Library.Decoders[i].FullPath), folder, StringComparison.Ordinal)) return i + 1;
        return -1;
    }

    public void Request(int index) => _slot.Request(index);
    public void LoadNow(int index) => _slot.LoadNow(index);
    public bool WaitUntilLoaded(TimeSpan timeout) => _slot.WaitUntilLoaded(timeout);

    /// <summary>While not processing, after the synth was prepared: opens the chosen decoder for its rate.</summary>
    public void Configure() => _slot.Configure();

    public void Dispose() => _slot.Dispose();

    private ITimbreSource? Load(int index)
    {
        var entry = EntryAt(index) ?? throw new InvalidInputException($"sound source {index} is not in the library");
        var source = DdspTimbreSource.Load(Path.Combine(entry.FullPath, "manifest.json"));
        try
        {
            source.Prepare(_synth.SampleRate, _synth.VoiceSlots, SynthEngine.MaxHarmonics);
            return source;
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    private static string TitleCase(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];

    private sealed class SynthTarget(SynthEngine synth) : ISlotTarget<ITimbreSource>
    {
        public int HandOver(ITimbreSource? value) => synth.OfferTimbreSource(value);
        public int VersionInUse => synth.TimbreVersionInUse;
        public void AdoptNow() => synth.Reset();
    }
}
