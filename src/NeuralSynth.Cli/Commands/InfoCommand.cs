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
            // The same library the plug-ins list: bundled models, then the user's folders.
            var library = Product.Models.ModelLibrary.Discover(ProductPaths.Models);
            Console.WriteLine("Model folders:");
            foreach (var folder in library.Roots) Console.WriteLine($"  {folder}");
            foreach (string problem in library.Problems) Console.WriteLine($"  (unreadable: {problem})");
            Console.WriteLine();
            Console.WriteLine("Sound Source (NeuralSynth):");
            foreach (string name in Product.Instrument.SoundSourceSlot.NamesFor(library)) Console.WriteLine($"  {name}");
            Console.WriteLine();
            Console.WriteLine("Effect Model (NeuralSynth FX, `fx --model`):");
            foreach (var entry in library.Effects) Console.WriteLine($"  {entry.DisplayName,-32} {entry.FullPath}");
            Console.WriteLine();
            PrintParameters("Synth parameters", SynthParameters.CreateRegistry());
            PrintParameters("Effect chain parameters (NeuralSynth FX, `fx`)", NeuralSynth.Engine.Effects.EffectParameters.CreateRegistry());
            PrintParameters("Live generator parameters", NeuralSynth.Generation.Instrument.GeneratorParameters.CreateRegistry());
            PrintParameters("Audio to MIDI parameters", Product.Transcription.AudioToMidiParameters.CreateRegistry());
            return 0;
        }));
        return command;
    }

    private static void PrintParameters(string title, NeuralSynth.Engine.Parameters.ParameterRegistry registry)
    {
        Console.WriteLine();
        Console.WriteLine($"{title}:");
        Console.WriteLine($"  {"id",4}  {"key",-24} {"range",-26} {"default",-12} name");
        foreach (var p in registry.All)
        {
            string range = p.ValueNames != null
                ? string.Join("|", p.ValueNames)
                : string.Create(CultureInfo.InvariantCulture, $"{p.Min}..{p.Max} {p.Unit}").Trim();
            Console.WriteLine($"  {p.Id,4}  {p.Key,-24} {range,-26} {p.Format(p.Default),-12} {p.Name}");
        }
    }
}
