using System.CommandLine;
using NeuralSynth.Ddsp;
using NeuralSynth.Ddsp.Transfer;
using NeuralSynth.Engine;
using NeuralSynth.Engine.Audio;
using NeuralSynth.Engine.Effects;
using NeuralSynth.Product.Effects;

namespace NeuralSynth.Cli.Commands;

/// <summary><c>transfer in.wav --instrument violin -o out.wav</c>: DDSP timbre transfer, the plug-in effect's "DDSP Transfer" mode.</summary>
public static class TransferCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "WAV file of a monophonic voice or instrument" };
        var instrument = new Option<string>("--instrument") { Description = "violin, cello, flute, clarinet, trumpet, voice, a preset, or a decoder folder / manifest / .onnx path", DefaultValueFactory = _ => "violin" };
        var output = new Option<string>("--output", "-o") { Description = "WAV file to write", Required = true };
        var transpose = new Option<float>("--transpose") { Description = "semitones to shift the tracked pitch (-24..24)", DefaultValueFactory = _ => 0f };
        var loudness = new Option<float>("--loudness-offset") { Description = "dB added to the measured loudness (-24..24)", DefaultValueFactory = _ => 0f };
        var gate = new Option<float>("--confidence-gate") { Description = "0..1: how sure the pitch tracker must be before the instrument sounds", DefaultValueFactory = _ => 0f };
        var mix = new Option<float>("--mix") { Description = "1 = instrument only, 0 = input only", DefaultValueFactory = _ => 1f };
        var blockSize = new Option<int>("--block-size") { DefaultValueFactory = _ => 128 };
        var command = new Command("transfer", "Timbre transfer: re-synthesize a voice as a trained instrument")
        {
            input, instrument, output, transpose, loudness, gate, mix, blockSize,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            float t = parse.GetValue(transpose), l = parse.GetValue(loudness), g = parse.GetValue(gate), m = parse.GetValue(mix);
            float range = TimbreTransferProcessor.TransposeRange;
            if (t < -range || t > range || t != MathF.Round(t)) throw new InvalidInputException($"--transpose {t}: must be a whole number of semitones, -{range}..{range}");
            if (Math.Abs(l) > TimbreTransferProcessor.LoudnessRange) throw new InvalidInputException($"--loudness-offset {l}: must be -{TimbreTransferProcessor.LoudnessRange}..{TimbreTransferProcessor.LoudnessRange} dB");
            if (g is < 0 or > 1) throw new InvalidInputException($"--confidence-gate {g}: must be 0..1");
            if (m is < 0 or > 1) throw new InvalidInputException($"--mix {m}: must be 0..1");
            var audio = AudioFile.Read(parse.GetValue(input)!);
            int block = parse.GetValue(blockSize);
            RenderCommand.ValidateRateAndBlock(audio.SampleRate, block);
            string name = parse.GetValue(instrument)!;
            string manifest = DdspCatalog.ResolveDecoder(name);
            var entry = EffectModelLoader.EntryForPath(Path.GetDirectoryName(manifest)!);

            using var effect = EffectSession.Open(entry, audio.SampleRate, block, audio.ChannelCount);
            EffectSession.SetKnob(effect, "transpose", 0.5f + t / (2 * range));
            EffectSession.SetKnob(effect, "loudness", 0.5f + l / (2 * TimbreTransferProcessor.LoudnessRange));
            EffectSession.SetKnob(effect, "confidence gate", g);
            EffectSession.Set(effect, EffectParameters.Mix, m * 100f, "--mix");
            var result = ProgressBar.Run("transferring", progress => OfflineEffectRenderer.Render(effect, audio, block, 0, progress));
            string path = parse.GetValue(output)!;
            result.Write(path);
            Console.WriteLine($"wrote {path}: {result.DurationSeconds:0.00} s as {name} (latency {effect.LatencySamples} samples removed)");
            return 0;
        }));
        return command;
    }
}
