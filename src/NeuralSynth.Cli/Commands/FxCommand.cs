using System.CommandLine;
using System.Globalization;
using NeuralSynth.Engine;
using NeuralSynth.Engine.Audio;
using NeuralSynth.Engine.Effects;
using NeuralSynth.Product.Effects;

namespace NeuralSynth.Cli.Commands;

/// <summary><c>fx in.wav --model m --knob drive=0.7 -o out.wav</c>: a WAV through the product's effect, latency removed.</summary>
public static class FxCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "WAV file" };
        var model = new Option<string>("--model", "-m") { Description = "effect model: .nam, GuitarML/RTNeural .json, .onnx, or a RAVE / DDSP decoder folder", Required = true };
        var knobs = new Option<string[]>("--knob") { Description = "knob value 0..1 by name, e.g. drive=0.7 (repeatable)", AllowMultipleArgumentsPerToken = true };
        var inputGain = new Option<float>("--input-gain") { Description = "dB before the model", DefaultValueFactory = _ => 0f };
        var outputGain = new Option<float>("--output-gain") { Description = "dB after the model", DefaultValueFactory = _ => 0f };
        var mix = new Option<float>("--mix") { Description = "dry/wet in percent", DefaultValueFactory = _ => 100f };
        var blockSize = new Option<int>("--block-size") { DefaultValueFactory = _ => 128 };
        var provider = new Option<string>("--provider") { Description = "ONNX execution provider for .onnx models: cpu or cuda", DefaultValueFactory = _ => "cpu" };
        var fastTanh = new Option<bool>("--fast-tanh") { Description = ".nam models: NeuralAmpModelerCore's fast tanh approximation instead of exact tanh" };
        var output = new Option<string>("--output", "-o") { Description = "WAV file to write", Required = true };
        var command = new Command("fx", "Process a WAV file through a neural effect with knobs")
        {
            input, model, knobs, inputGain, outputGain, mix, blockSize, provider, fastTanh, output,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var audio = AudioFile.Read(parse.GetValue(input)!);
            int block = parse.GetValue(blockSize);
            RenderCommand.ValidateRateAndBlock(audio.SampleRate, block);
            string modelPath = parse.GetValue(model)!;
            var entry = EffectModelLoader.EntryForPath(modelPath);
            using var effect = EffectSession.Open(entry, audio.SampleRate, block, audio.ChannelCount, parse.GetValue(provider)!, fastTanh: parse.GetValue(fastTanh));
            EffectSession.Set(effect, EffectParameters.InputGain, parse.GetValue(inputGain), "--input-gain");
            EffectSession.Set(effect, EffectParameters.OutputGain, parse.GetValue(outputGain), "--output-gain");
            EffectSession.Set(effect, EffectParameters.Mix, parse.GetValue(mix), "--mix");
            foreach (string knob in parse.GetValue(knobs) ?? [])
            {
                var (name, value) = ParseKnob(knob);
                try { EffectSession.SetKnob(effect, name, value); }
                catch (InvalidInputException e) { throw new InvalidInputException($"--knob {knob}: {e.Message}"); }
            }

            var result = ProgressBar.Run("processing", progress => OfflineEffectRenderer.Render(effect, audio, block, 0, progress));
            string path = parse.GetValue(output)!;
            result.Write(path);
            var names = effect.Models.KnobNames;
            string knobText = names.Count == 0 ? "no knobs" : string.Join(", ", names.Take(EffectParameters.KnobCount).Select((n, i) =>
                $"{n}={effect.Chain.Parameters.GetTarget(EffectParameters.Knob(i)).ToString("0.##", CultureInfo.InvariantCulture)}"));
            Console.WriteLine($"wrote {path}: {result.DurationSeconds:0.00} s through {entry.DisplayName} ({knobText}; latency {effect.LatencySamples} samples removed)");
            return 0;
        }));
        return command;
    }

    public static (string Name, float Value) ParseKnob(string text)
    {
        int equals = text.IndexOf('=');
        if (equals <= 0 || !float.TryParse(text[(equals + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
            throw new InvalidInputException($"--knob {text}: expected name=value, e.g. drive=0.7");
        if (value < 0 || value > 1) throw new InvalidInputException($"--knob {text}: value must be 0..1");
        return (text[..equals].Trim(), value);
    }
}
