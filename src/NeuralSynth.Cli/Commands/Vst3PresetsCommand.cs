using System.CommandLine;
using NeuralSynth.Engine;
using NeuralSynth.Product.Models;
using NeuralSynth.Vst3.Plugin;

namespace NeuralSynth.Cli.Commands;

/// <summary>
/// <c>vst3-presets --out DIR [--resources DIR]</c> (hidden; build.vst3.ps1 runs it): writes the instrument's factory
/// presets as .vstpreset files, one per program of the VST3 program list, with the same component state a host
/// gets when it switches to that program. <c>--resources</c> is the folder holding presets/ and models/ (the
/// bundle's Contents/Resources; default: the NeuralSynth folder). Only that folder's models are scanned, so a user
/// model on the build machine never changes what ships.
/// </summary>
public static class Vst3PresetsCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out", "-o") { Description = "folder to write the .vstpreset files into", Required = true };
        var resources = new Option<string?>("--resources") { Description = "folder holding presets/ and models/ (default: the NeuralSynth folder)" };
        var command = new Command("vst3-presets", "Write the instrument's factory presets as VST3 preset files") { output, resources };
        command.Hidden = true;
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            string root = Path.GetFullPath(parse.GetValue(resources) ?? ProductPaths.RequireRoot());
            if (!Directory.Exists(Path.Combine(root, "presets"))) throw new InvalidInputException($"{root} has no presets folder");
            var library = ModelLibrary.Scan(ModelRoots.Discover(Path.Combine(root, "models"), _ => null));
            var definition = new PluginDefinition(PluginKind.Instrument, root, library);
            if (definition.PresetProblem is { } problem) throw new InvalidInputException($"factory presets: {problem}");
            if (definition.Programs.Count == 0) throw new InvalidInputException($"no factory presets in {Path.Combine(root, "presets")}");
            foreach (string path in VstPresetFile.WriteAll(definition, parse.GetValue(output)!))
                Console.WriteLine($"wrote {path}");
            return 0;
        }));
        return command;
    }
}
