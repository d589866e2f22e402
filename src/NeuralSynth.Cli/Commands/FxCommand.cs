using System.CommandLine;
using System.Globalization;
using NeuralSynth.Engine;
using NeuralSynth.Engine.Audio;
using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Effects;
using NeuralSynth.Neural;

namespace NeuralSynth.Cli.Commands;

/// <summary><c>fx in.wav --model m --knob drive=0.7 -o out.wav</c>: a WAV through a neural effect, latency removed.</summary>
public static class FxCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "WAV file" };
        var model = new Option<string>("--model", "-m") { Description = "effect model: .nam, GuitarML/RTNeural .json, or .onnx", Required = true };
        var knobs = new Option<string[]>("--knob") { Description = "knob value 0..1 by name, e.g. drive=0.7 (repeatable)", AllowMultipleArgumentsPerToken = true };
        var inputGain = new Option<float>("--input-gain") { Description = "dB before the model", DefaultValueFactory = _ => 0f };
        var outputGain = new Option<float>("--output-gain") { Description = "dB after the model", DefaultValueFactory = _ => 0f };
        var mix = new Option<float>("--mix") { Description = "dry/wet in percent", DefaultValueFactory = _ => 100f };
        var blockSize = new Option<int>("--block-size") { DefaultValueFactory = _ => 128 };
        var provider = new Option<string>("--provider") { Description = "ONNX execution provider for .onnx models: cpu or cuda", DefaultValueFactory = _ => "cpu" };
        var output = new Option<string>("--output", "-o") { Description = "WAV file to write", Required = true };
        var command = new Command("fx", "Process a WAV file through a neural effect with knobs")
        {
            input, model, knobs, inputGain, outputGain, mix, blockSize, provider, output,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var audio = AudioFile.Read(parse.GetValue(input)!);
            int block = parse.GetValue(blockSize);
            RenderCommand.ValidateRateAndBlock(audio.SampleRate, block);
            var chain = new EffectChain();
            SetChecked(chain, EffectParameters.InputGain, parse.GetValue(inputGain), "--input-gain");
            SetChecked(chain, EffectParameters.OutputGain, parse.GetValue(outputGain), "--output-gain");
            SetChecked(chain, EffectParameters.Mix, parse.GetValue(mix), "--mix");
            chain.Prepare(audio.SampleRate, block, audio.ChannelCount);

            string modelPath = parse.GetValue(model)!;
            IAudioProcessor processor;
            try { processor = EffectModelFactory.Load(modelPath, audio.SampleRate, block, parse.GetValue(provider)!, audio.ChannelCount); }
            catch (ModelFormatException e) { throw new InvalidInputException(e.Message); }
            catch (NotSupportedException e) { throw new InvalidInputException(e.Message); }
            var names = EffectModelFactory.KnobNames(processor);
            foreach (string knob in parse.GetValue(knobs) ?? [])
            {
                var (name, value) = ParseKnob(knob);
                int index = names.ToList().FindIndex(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
                if (index < 0 || index >= EffectParameters.KnobCount)
                    throw new InvalidInputException($"--knob {knob}: unknown knob '{name}' (this model has: {(names.Count == 0 ? "no knobs" : string.Join(", ", names))})");
                chain.Parameters.SetImmediate(EffectParameters.Knob(index), value);
            }
            chain.SetModel(processor);

            var result = ProgressBar.Run("processing", progress => Process(chain, audio, block, progress));
            string path = parse.GetValue(output)!;
            result.Write(path);
            string knobText = names.Count == 0 ? "no knobs" : string.Join(", ", names.Select((n, i) =>
                $"{n}={chain.Parameters.GetTarget(EffectParameters.Knob(i)).ToString("0.##", CultureInfo.InvariantCulture)}"));
            Console.WriteLine($"wrote {path}: {result.DurationSeconds:0.00} s through {Path.GetFileName(modelPath)} ({knobText}; latency {chain.LatencySamples} samples removed)");
            return 0;
        }));
        return command;
    }

    /// <summary>Runs the chain over the file and removes its latency so output lines up with input.</summary>
    private static AudioFile Process(EffectChain chain, AudioFile audio, int block, IProgress<double>? progress)
    {
        int channels = audio.ChannelCount, frames = audio.Frames;
        var buffers = new float[channels][];
        for (int c = 0; c < channels; c++) buffers[c] = new float[block];
        var output = new float[channels][];
        for (int c = 0; c < channels; c++) output[c] = new float[frames];
        chain.Process(new AudioBlock(buffers, 0, 1), ReadOnlySpan<EngineEvent>.Empty); // adopt the model before measuring latency
        chain.Reset();
        int latency = chain.LatencySamples;
        for (int start = 0, written = -latency; written < frames; start += block)
        {
            int length = block;
            for (int c = 0; c < channels; c++)
            {
                Array.Clear(buffers[c]);
                if (start < frames) audio.Channels[c].AsSpan(start, Math.Min(length, frames - start)).CopyTo(buffers[c]);
            }
            chain.Process(new AudioBlock(buffers, 0, length), ReadOnlySpan<EngineEvent>.Empty);
            for (int i = 0; i < length; i++, written++)
                if (written >= 0 && written < frames)
                    for (int c = 0; c < channels; c++) output[c][written] = buffers[c][i];
            if (progress != null && (start / block) % 512 == 0) progress.Report(Math.Min(1.0, (double)start / frames));
        }
        return new AudioFile(output, audio.SampleRate);
    }

    private static (string Name, float Value) ParseKnob(string text)
    {
        int equals = text.IndexOf('=');
        if (equals <= 0 || !float.TryParse(text[(equals + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
            throw new InvalidInputException($"--knob {text}: expected name=value, e.g. drive=0.7");
        if (value < 0 || value > 1) throw new InvalidInputException($"--knob {text}: value must be 0..1");
        return (text[..equals].Trim(), value);
    }

    private static void SetChecked(EffectChain chain, int id, float value, string option)
    {
        var spec = chain.Registry.GetById(id);
        if (!spec.Contains(value)) throw new InvalidInputException($"{option} {value}: must be {spec.Min}..{spec.Max} {spec.Unit}");
        chain.Parameters.SetImmediate(id, value);
    }
}
