using System.CommandLine;
using System.Globalization;
using NeuralSynth.Engine;
using NeuralSynth.Engine.Audio;
using NeuralSynth.Rave;

namespace NeuralSynth.Cli.Commands;

/// <summary><c>rave in.wav --model dir --bias 0=0.5 -o out.wav</c>: timbre transfer / latent play through a RAVE model.</summary>
public static class RaveCommand
{
    public static Command Create()
    {
        var input = new Argument<string?>("input") { Description = "WAV file (omit with --generate)", Arity = ArgumentArity.ZeroOrOne };
        var model = new Option<string>("--model", "-m") { Description = "RAVE model folder (with manifest.json)", DefaultValueFactory = _ => "models/rave/fluid-small" };
        var bias = new Option<string[]>("--bias") { Description = "latent bias by dimension, e.g. 0=0.5 (repeatable)", AllowMultipleArgumentsPerToken = true };
        var scale = new Option<string[]>("--scale") { Description = "latent scale by dimension, e.g. 1=1.5 (repeatable)", AllowMultipleArgumentsPerToken = true };
        var noise = new Option<float>("--noise") { Description = "latent noise amount", DefaultValueFactory = _ => 0f };
        var temperature = new Option<float>("--temperature") { DefaultValueFactory = _ => 1f };
        var freeze = new Option<bool>("--freeze") { Description = "hold the first latent frame" };
        var generate = new Option<double?>("--generate") { Description = "generate this many seconds without input (prior-driven)" };
        var mix = new Option<float>("--mix") { Description = "dry/wet percent", DefaultValueFactory = _ => 100f };
        var seed = new Option<ulong>("--seed") { DefaultValueFactory = _ => 1UL };
        var provider = new Option<string>("--provider") { Description = "cpu or cuda", DefaultValueFactory = _ => "cpu" };
        var output = new Option<string>("--output", "-o") { Description = "WAV file to write", Required = true };
        var command = new Command("rave", "Run audio through (or generate with) a streaming RAVE model")
        {
            input, model, bias, scale, noise, temperature, freeze, generate, mix, seed, provider, output,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            string folder = ResolveModelFolder(parse.GetValue(model)!);
            var options = new RaveRenderOptions
            {
                Scale = ParseLatentMap(parse.GetValue(scale), "--scale"),
                Noise = parse.GetValue(noise),
                Temperature = parse.GetValue(temperature),
                Freeze = parse.GetValue(freeze),
                Mix = parse.GetValue(mix),
                Seed = parse.GetValue(seed),
                Provider = parse.GetValue(provider)!,
            };
            AudioFile result;
            try
            {
                if (parse.GetValue(generate) is double seconds)
                    result = ProgressBar.Run("generating", _ => RaveOffline.Generate(folder, seconds, options));
                else
                {
                    string path = parse.GetValue(input) ?? throw new InvalidInputException("give an input WAV file, or --generate SECONDS");
                    var audio = AudioFile.Read(path);
                    result = ProgressBar.Run("processing", _ => RaveOffline.Render(audio, folder, ParseLatentMap(parse.GetValue(bias), "--bias"), options));
                }
            }
            catch (ArgumentException e) { throw new InvalidInputException(e.Message); }
            catch (NotSupportedException e) { throw new InvalidInputException(e.Message); }
            string outPath = parse.GetValue(output)!;
            result.Write(outPath);
            Console.WriteLine($"wrote {outPath}: {result.DurationSeconds:0.00} s through {Path.GetFileName(folder)}");
            return 0;
        }));
        return command;
    }

    private static string ResolveModelFolder(string text)
    {
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
            if (equals <= 0 || !int.TryParse(entry[..equals], NumberStyles.Integer, CultureInfo.InvariantCulture, out int dim) || dim < 0 || dim > 1023 ||
                !float.TryParse(entry[(equals + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
                throw new InvalidInputException($"{option} {entry}: expected DIMENSION=VALUE, e.g. 0=0.5");
            map[dim] = value;
        }
        return map;
    }
}
