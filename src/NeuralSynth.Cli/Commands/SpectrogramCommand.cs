using System.CommandLine;
using NeuralSynth.Engine.Audio;
using NeuralSynth.Engine.Imaging;

namespace NeuralSynth.Cli.Commands;

/// <summary><c>spectrogram in.wav -o out.png</c>: a picture of any WAV file.</summary>
public static class SpectrogramCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "WAV file" };
        var output = new Option<string>("--output", "-o") { Description = "PNG file to write", Required = true };
        var command = new Command("spectrogram", "Draw a log-frequency spectrogram of a WAV file") { input, output };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var audio = AudioFile.Read(parse.GetValue(input)!);
            Spectrogram.WritePng(audio.Mono(), audio.SampleRate, parse.GetValue(output)!);
            Console.WriteLine($"wrote {parse.GetValue(output)}");
            return 0;
        }));
        return command;
    }
}
