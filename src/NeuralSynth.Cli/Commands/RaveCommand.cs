using System.CommandLine;
using System.Globalization;
using NeuralSynth.Engine;
using NeuralSynth.Engine.Audio;
using NeuralSynth.Engine.Effects;
using NeuralSynth.Neural.Resampling;
using NeuralSynth.Product.Effects;
using NeuralSynth.Rave.Controls;

namespace NeuralSynth.Cli.Commands;

/// <summary>
/// <c>rave in.wav --model dir --bias 0=0.5 -o out.wav</c>: timbre transfer / latent play through a RAVE model,
/// the plug-in effect's RAVE mode. Any input rate: the model runs at its own rate inside converters.
/// </summary>
public static class RaveCommand
{
    public static Command Create()
    {
        var input = new Argument<string?>("input") { Description = "WAV file, any sample rate (omit with --generate)", Arity = ArgumentArity.ZeroOrOne };
        var model = new Option<string>("--model", "-m") { Description = "RAVE model folder (with manifest.json)", DefaultValueFactory = _ => "models/rave/fluid-small" };
        var bias = new Option<string[]>("--bias") { Description = "latent bias by dimension, e.g. 0=0.5 (repeatable)", AllowMultipleArgumentsPerToken = true };
        var scale = new Option<string[]>("--scale") { Description = "latent scale by dimension, e.g. 1=1.5 (repeatable)", AllowMultipleArgumentsPerToken = true };
        var noise = new Option<float>("--noise") { Description = "latent noise amount", DefaultValueFactory = _ => 0f };
        var temperature = new Option<float>("--temperature") { DefaultValueFactory = _ => 1f };
        var freeze = new Option<bool>("--freeze") { Description = "hold the first latent frame" };
        var generate = new Option<double?>("--generate") { Description = "generate this many seconds without input (prior-driven)" };
        var mix = new Option<float>("--mix") { Description = "dry/wet percent", DefaultValueFactory = _ => 100f };
        var transpose = new Option<float>("--transpose") { Description = "semitones, -24..24 (models with a pitch latent)", DefaultValueFactory = _ => 0f };
        var seed = new Option<ulong>("--seed") { DefaultValueFactory = _ => 1UL };
        var provider = new Option<string>("--provider") { Description = "cpu or cuda", DefaultValueFactory = _ => "cpu" };
        var blockSize = new Option<int>("--block-size") { DefaultValueFactory = _ => 512 };
        var output = new Option<string>("--output", "-o") { Description = "WAV file to write", Required = true };
        var command = new Command("rave", "Run audio through (or generate with) a streaming RAVE model")
        {
            input, model, bias, scale, noise, temperature, freeze, generate, mix, transpose, seed, provider, blockSize, output,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var entry = EffectModelLoader.EntryForPath(ResolveModelFolder(parse.GetValue(model)!));
            if (entry.Kind != Product.Models.EffectModelKind.Rave) throw new InvalidInputException($"--model {parse.GetValue(model)}: not a RAVE model folder");
            int block = parse.GetValue(blockSize);
            double? seconds = parse.GetValue(generate);
            AudioFile audio;
            if (seconds is double s)
            {
                if (!(s > 0 && s <= 3600)) throw new InvalidInputException($"--generate {s}: must be 0..3600 seconds");
                audio = new AudioFile([new float[1]], ReadModelRate(entry.FullPath)); // silence; the prior drives the decoder
            }
            else
            {
                string path = parse.GetValue(input) ?? throw new InvalidInputException("give an input WAV file, or --generate SECONDS");
                audio = AudioFile.Read(path);
            }
            RenderCommand.ValidateRateAndBlock(audio.SampleRate, block);

            using var effect = EffectSession.Open(entry, audio.SampleRate, block, audio.ChannelCount, parse.GetValue(provider)!, parse.GetValue(seed));
            var rave = (effect.Models.Current is ResampledProcessor r ? r.Inner : effect.Models.Current) as RaveEffect
                       ?? throw new InvalidInputException($"{entry.FullPath}: did not open as a RAVE model");
            var registry = rave.Processor.Registry;
            // The first latent biases, noise, temperature, freeze and generate are the plug-in's knobs; the rest of
            // the latent controls are set on the processor itself (the chain never overrides them).
            foreach (var (dimension, value) in ParseLatentMap(parse.GetValue(bias), "--bias"))
            {
                var spec = Checked(registry, RaveParameters.Bias(dimension), value, $"--bias {dimension}");
                if (dimension < rave.LatentKnobs) EffectSession.SetKnob(effect, $"latent {dimension + 1}", spec.ToNormalized(value));
                else rave.Processor.Parameters.SetImmediate(spec.Id, value);
            }
            foreach (var (dimension, value) in ParseLatentMap(parse.GetValue(scale), "--scale"))
                rave.Processor.Parameters.SetImmediate(Checked(registry, RaveParameters.Scale(dimension), value, $"--scale {dimension}").Id, value);
            EffectSession.SetKnob(effect, "noise", Checked(registry, RaveParameters.Noise, parse.GetValue(noise), "--noise").ToNormalized(parse.GetValue(noise)));
            EffectSession.SetKnob(effect, "temperature", Checked(registry, RaveParameters.Temperature, parse.GetValue(temperature), "--temperature").ToNormalized(parse.GetValue(temperature)));
            EffectSession.SetKnob(effect, "freeze", parse.GetValue(freeze) ? 1f : 0f);
            EffectSession.SetKnob(effect, "generate", seconds is null ? 0f : 1f);
            float semitones = parse.GetValue(transpose);
            var transposeSpec = Checked(registry, RaveParameters.Transpose, semitones, "--transpose");
            if (semitones != MathF.Round(semitones)) throw new InvalidInputException($"--transpose {semitones}: whole semitones only");
            if (semitones != 0 && rave.Processor.Model.Manifest.Pitch is null)
                throw new InvalidInputException($"--transpose: {entry.Name} has no pitch latent to transpose");
            if (rave.Processor.Model.Manifest.Pitch is not null) EffectSession.SetKnob(effect, "transpose", transposeSpec.ToNormalized(semitones));
            EffectSession.Set(effect, EffectParameters.Mix, parse.GetValue(mix), "--mix");

            var result = ProgressBar.Run(seconds is null ? "processing" : "generating",
                progress => OfflineEffectRenderer.Render(effect, audio, block, seconds ?? 0, progress));
            string outPath = parse.GetValue(output)!;
            result.Write(outPath);
            Console.WriteLine($"wrote {outPath}: {result.DurationSeconds:0.00} s through {entry.Name} at {audio.SampleRate} Hz (latency {effect.LatencySamples} samples removed)");
            return 0;
        }));
        return command;
    }

    private static Engine.Parameters.ParameterSpec Checked(Engine.Parameters.ParameterRegistry registry, int id, float value, string what)
    {
        var spec = registry.GetById(id);
        if (!spec.Contains(value)) throw new InvalidInputException($"{what}: {value} must be {spec.Min}..{spec.Max}");
        return spec;
    }

    private static int ReadModelRate(string folder)
    {
        using var model = Rave.Model.RaveModel.Load(folder);
        return model.Manifest.SampleRate;
    }

    private static string ResolveModelFolder(string text)
    {
        if (File.Exists(text))
        {
            string folder = Path.GetDirectoryName(Path.GetFullPath(text))!;
            throw new InvalidInputException($"--model {text}: is a file; --model takes the model folder ({folder})");
        }
        if (Directory.Exists(text)) return Path.GetFullPath(text);
        string shipped = Path.Combine(ProductPaths.Models, "rave", text);
        if (Directory.Exists(shipped)) return shipped;
        string relative = Path.Combine(ProductPaths.RequireRoot(), text);
        if (Directory.Exists(relative)) return relative;
        throw new InvalidInputException($"--model {text}: no such RAVE model folder");
    }

    private static Dictionary<int, float> ParseLatentMap(string[]? entries, string option)
    {
        var map = new Dictionary<int, float>();
        foreach (string entry in entries ?? [])
        {
            int equals = entry.IndexOf('=');
            if (equals <= 0 || !int.TryParse(entry[..equals], NumberStyles.Integer, CultureInfo.InvariantCulture, out int dim) || dim < 0 || dim >= RaveParameters.ControlledDimensions ||
                !float.TryParse(entry[(equals + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
                throw new InvalidInputException($"{option} {entry}: expected DIMENSION=VALUE with DIMENSION 0..{RaveParameters.ControlledDimensions - 1}, e.g. 0=0.5");
            map[dim] = value;
        }
        return map;
    }
}
