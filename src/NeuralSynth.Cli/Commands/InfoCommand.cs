using System.CommandLine;
using System.Globalization;
using NeuralSynth.Engine;
using NeuralSynth.Engine.Synth;

namespace NeuralSynth.Cli.Commands;

/// <summary><c>info</c>: lists presets, models and every parameter with its id, range and unit.</summary>
public static class InfoCommand
{
    public static Command Create()
    {
        var command = new Command("info", "List presets, models and parameters");
        command.SetAction(_ => CommandRunner.Run(() =>
        {
            string root = ProductPaths.RequireRoot();
            Console.WriteLine($"NeuralSynth folder: {root}");
            Console.WriteLine();
            Console.WriteLine("Presets:");
            foreach (var file in Directory.EnumerateFiles(ProductPaths.Presets, "*.json").Order(StringComparer.Ordinal))
                Console.WriteLine($"  {Path.GetFileNameWithoutExtension(file)}");
            Console.WriteLine();
            Console.WriteLine("Models (manifests):");
            foreach (var file in Directory.EnumerateFiles(ProductPaths.Models, "manifest.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                Console.WriteLine($"  {Path.GetRelativePath(ProductPaths.Models, file)}");
            Console.WriteLine();
            Console.WriteLine("Synth parameters:");
            Console.WriteLine($"  {"id",4}  {"key",-24} {"range",-26} {"default",-12} name");
            foreach (var p in SynthParameters.CreateRegistry().All)
            {
                string range = p.ValueNames != null
                    ? string.Join("|", p.ValueNames)
                    : string.Create(CultureInfo.InvariantCulture, $"{p.Min}..{p.Max} {p.Unit}").Trim();
                Console.WriteLine($"  {p.Id,4}  {p.Key,-24} {range,-26} {p.Format(p.Default),-12} {p.Name}");
            }
            return 0;
        }));
        return command;
    }
}
