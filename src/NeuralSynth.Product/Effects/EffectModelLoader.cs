using NeuralSynth.Ddsp.Model;
using NeuralSynth.Ddsp.Transfer;
using NeuralSynth.Engine;
using NeuralSynth.Engine.Core;
using NeuralSynth.Neural;
using NeuralSynth.Neural.Resampling;
using NeuralSynth.Product.Models;
using NeuralSynth.Rave.Model;
using NeuralSynth.Rave.Realtime;

namespace NeuralSynth.Product.Effects;

/// <summary>
/// Opens any model of the library, prepared and reset for a setup: the one place that knows which runtime
/// plays which kind. Models that only run at their own rate (RAVE) are wrapped in a
/// <see cref="ResampledProcessor"/>, whose converters add to the reported latency. Every failure is an
/// <see cref="InvalidInputException"/> naming the model (the files are untrusted).
/// </summary>
public static class EffectModelLoader
{
    public static IAudioProcessor Load(ModelEntry entry, EffectSetup setup)
    {
        try
        {
            return entry.Kind switch
            {
                EffectModelKind.Nam or EffectModelKind.SequenceJson or EffectModelKind.Onnx =>
                    EffectModelFactory.Load(entry.FullPath, setup.SampleRate, setup.MaxBlockSize, setup.Provider, setup.Channels, setup.FastTanh),
                EffectModelKind.Rave => LoadRave(entry.FullPath, setup),
                EffectModelKind.DdspTransfer => LoadTransfer(entry.FullPath, setup),
                _ => throw new InvalidInputException($"{entry.Reference}: unknown model kind {entry.Kind}"),
            };
        }
        catch (NotSupportedException e) { throw new InvalidInputException($"{entry.Reference}: {e.Message}"); }
        catch (ArgumentException e) { throw new InvalidInputException($"{entry.Reference}: {e.Message}"); }
    }

    /// <summary>A model given as a path (CLI): the file or folder is classified like the library does.</summary>
    public static ModelEntry EntryForPath(string path)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            string manifest = Path.Combine(full, "manifest.json");
            string? format = File.Exists(manifest) ? ModelLibrary.ReadManifestFormat(manifest, out _) : null;
            var kind = ModelLibrary.FolderKind(format)
                       ?? throw new InvalidInputException($"{path}: a model folder needs a RAVE or DDSP decoder manifest.json");
            return new ModelEntry(kind, Path.GetFileName(full), new ModelRoot(Path.GetDirectoryName(full)!, true), Path.GetFileName(full), full);
        }
        if (!File.Exists(full)) throw new InvalidInputException($"model file not found: {path}");
        if (Path.GetFileName(full) == "manifest.json") return EntryForPath(Path.GetDirectoryName(full)!);
        var fileKind = Path.GetExtension(full).ToLowerInvariant() switch
        {
            ".nam" => EffectModelKind.Nam,
            ".json" => EffectModelKind.SequenceJson,
            ".onnx" => EffectModelKind.Onnx,
            var ext => throw new InvalidInputException($"{Path.GetFileName(full)}: '{ext}' is not an effect model (expected .nam, .json, .onnx or a RAVE/DDSP model folder)"),
        };
        return new ModelEntry(fileKind, Path.GetFileNameWithoutExtension(full), new ModelRoot(Path.GetDirectoryName(full)!, true), Path.GetFileName(full), full);
    }

    private static IAudioProcessor LoadRave(string folder, EffectSetup setup)
    {
        var model = RaveModel.Load(folder, setup.Provider);
        var rave = new RaveEffect(new RaveProcessor(model, new RaveProcessorOptions { WaitForWorker = setup.Offline, Seed = setup.Seed }));
        IAudioProcessor processor = Math.Abs(setup.SampleRate - model.Manifest.SampleRate) < 0.5
            ? rave
            : new ResampledProcessor(rave, model.Manifest.SampleRate);
        try
        {
            processor.Prepare(setup.SampleRate, setup.MaxBlockSize, setup.Channels);
            processor.Reset();
            return processor;
        }
        catch
        {
            (processor as IDisposable)?.Dispose();
            throw;
        }
    }

    private static IAudioProcessor LoadTransfer(string folder, EffectSetup setup)
    {
        // The transfer analyses and synthesizes at the host rate itself (the decoder runs per frame).
        var transfer = new TimbreTransferProcessor(DecoderModel.Load(Path.Combine(folder, "manifest.json")), ownsModel: true);
        transfer.Prepare(setup.SampleRate, setup.MaxBlockSize, setup.Channels);
        transfer.Reset();
        return transfer;
    }
}
