using System.CommandLine;
using NeuralSynth.Engine;
using NeuralSynth.Engine.Audio;
using NeuralSynth.Engine.Imaging;
using NeuralSynth.Engine.Midi;
using NeuralSynth.Engine.Presets;
using NeuralSynth.Engine.Rendering;
using NeuralSynth.Engine.Synth;
using NeuralSynth.Product.Instrument;

namespace NeuralSynth.Cli.Commands;

/// <summary><c>render in.mid -o out.wav</c>: plays a MIDI file through the synth offline.</summary>
public static class RenderCommand
{
    public const string DefaultPreset = "default";

    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "Standard MIDI File (type 0 or 1)" };
        var output = new Option<string>("--output", "-o") { Description = "WAV file to write", Required = true };
        var preset = new Option<string>("--preset", "-p") { Description = "preset name (from presets/) or path", DefaultValueFactory = _ => DefaultPreset };
        var sampleRate = new Option<int>("--sample-rate") { Description = "output sample rate in Hz", DefaultValueFactory = _ => 48000 };
        var blockSize = new Option<int>("--block-size") { Description = "processing block size in samples", DefaultValueFactory = _ => 128 };
        var bitDepth = new Option<string>("--format") { Description = "float32 (default), pcm24 or pcm16", DefaultValueFactory = _ => "float32" };
        var spectrogram = new Option<string?>("--spectrogram") { Description = "also write a spectrogram PNG" };

        var command = new Command("render", "Render a MIDI file through the synth to WAV")
        {
            input, output, preset, sampleRate, blockSize, bitDepth, spectrogram,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var options = new RenderOptions(
                parse.GetValue(input)!, parse.GetValue(output)!, parse.GetValue(preset)!,
                parse.GetValue(sampleRate), parse.GetValue(blockSize), ParseFormat(parse.GetValue(bitDepth)!),
                parse.GetValue(spectrogram));
            var audio = Execute(options);
            Console.WriteLine($"wrote {options.Output}: {audio.DurationSeconds:0.00} s, {audio.SampleRate} Hz, {audio.ChannelCount} channels");
            return 0;
        }));
        return command;
    }

    public sealed record RenderOptions(string Input, string Output, string Preset, int SampleRate, int BlockSize,
        WavSampleFormat Format, string? SpectrogramPath);

    public static AudioFile Execute(RenderOptions options)
    {
        ValidateRateAndBlock(options.SampleRate, options.BlockSize);
        var sequence = MidiFileLoader.Load(options.Input);
        using var instrument = CreateInstrument(options.Preset, options.SampleRate, options.BlockSize);
        double tail = instrument.Synth.Parameters.GetTarget(SynthParameters.Release) / 1000.0 + 0.5;
        var audio = ProgressBar.Run("rendering", progress =>
            OfflineRenderer.Render(instrument, sequence.Events, options.SampleRate, options.BlockSize, 2,
                sequence.DurationSeconds + Math.Min(tail, 20.0), progress));
        audio.Write(options.Output, options.Format);
        if (options.SpectrogramPath != null) Spectrogram.WritePng(audio.Mono(), audio.SampleRate, options.SpectrogramPath);
        return audio;
    }

    /// <summary>
    /// The product's instrument with a preset applied (its parameters and its sound source: the preset's DDSP
    /// decoder, or the additive voice), prepared and with the sound source loaded.
    /// </summary>
    public static ProductInstrument CreateInstrument(string presetNameOrPath, int sampleRate, int blockSize)
    {
        var instrument = ProductInstrument.Create(ProductPaths.Models);
        try
        {
            string presetPath = ProductPaths.ResolvePreset(presetNameOrPath);
            var preset = PresetLoader.Load(presetPath, instrument.Synth.Registry, ProductPaths.Models);
            instrument.ApplyPreset(preset);
            instrument.Prepare(sampleRate, blockSize, 2);
            if (instrument.SoundSources.LastError is { } error) throw new InvalidInputException($"{presetPath}: {error}");
            return instrument;
        }
        catch
        {
            instrument.Dispose();
            throw;
        }
    }

    public static void ValidateRateAndBlock(int sampleRate, int blockSize)
    {
        if (sampleRate < 8000 || sampleRate > 384000) throw new InvalidInputException($"--sample-rate {sampleRate}: must be 8000..384000 Hz");
        if (blockSize < 1 || blockSize > SynthEngine.MaxBlockSizeLimit) throw new InvalidInputException($"--block-size {blockSize}: must be 1..{SynthEngine.MaxBlockSizeLimit}");
    }

    public static WavSampleFormat ParseFormat(string text) => text.ToLowerInvariant() switch
    {
        "float32" or "float" or "32f" => WavSampleFormat.Float32,
        "pcm24" or "24" => WavSampleFormat.Pcm24,
        "pcm16" or "16" => WavSampleFormat.Pcm16,
        _ => throw new InvalidInputException($"--format {text}: must be float32, pcm24 or pcm16"),
    };
}
