using System.CommandLine;
using NeuralSynth.Engine.Midi;

namespace NeuralSynth.Cli.Commands;

/// <summary><c>make-demo -o models/demo/demo.mid</c>: rewrites the shipped demo MIDI file from code.</summary>
public static class MakeDemoCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--output", "-o") { Description = "MIDI file to write", DefaultValueFactory = _ => "models/demo/demo.mid" };
        var command = new Command("make-demo", "Write the demo MIDI file that ships in models/demo") { output };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            string path = parse.GetValue(output)!;
            DemoSong.Write(path);
            Console.WriteLine($"wrote {path}");
            return 0;
        }));
        return command;
    }
}
