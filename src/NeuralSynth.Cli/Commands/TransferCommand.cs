using System.CommandLine;
using NeuralSynth.Ddsp;
using NeuralSynth.Ddsp.Transfer;
using NeuralSynth.Engine;
using NeuralSynth.Engine.Audio;

namespace NeuralSynth.Cli.Commands;

/// <summary><c>transfer in.wav --instrument violin -o out.wav</c>: timbre transfer through a DDSP decoder.</summary>
public static class TransferCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "WAV file of a monophonic voice or instrument" };
        var instrument = new Option<string>("--instrument") { Description = "violin, flute, trumpet, a preset, or a decoder.onnx path", DefaultValueFactory = _ => "violin" };
        var output = new Option<string>("--output", "-o") { Description = "WAV file to write", Required = true };
        var transpose = new Option<float>("--transpose") { Description = "semitones to shift the tracked pitch", DefaultValueFactory = _ => 0f };
        var loudness = new Option<float>("--loudness-offset") { Description = "dB added to the measured loudness", DefaultValueFactory = _ => 0f };
        var mix = new Option<float>("--mix") { Description = "1 = instrument only, 0 = input only", DefaultValueFactory = _ => 1f };
        var command = new Command("transfer", "Timbre transfer: re-synthesize a voice as a trained instrument")
        {
            input, instrument, output, transpose, loudness, mix,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            float t = parse.GetValue(transpose), l = parse.GetValue(loudness), m = parse.GetValue(mix);
            if (t is < -48 or > 48) throw new InvalidInputException($"--transpose {t}: must be -48..48 semitones");
            if (l is < -60 or > 60) throw new InvalidInputException($"--loudness-offset {l}: must be -60..60 dB");
            if (m is < 0 or > 1) throw new InvalidInputException($"--mix {m}: must be 0..1");
            var audio = AudioFile.Read(parse.GetValue(input)!);
            string name = parse.GetValue(instrument)!;
            AudioFile result;
            try
            {
                result = ProgressBar.Run("transferring", progress => TimbreTransfer.Render(audio, name,
                    new TransferOptions { TransposeSemitones = t, LoudnessOffsetDb = l, Mix = m }, progress));
            }
            catch (FileNotFoundException) { throw new InvalidInputException($"--instrument {name}: not found (instruments: {string.Join(", ", DdspCatalog.Instruments())})"); }
            catch (ArgumentException e) { throw new InvalidInputException($"--instrument {name}: {e.Message}"); }
            string path = parse.GetValue(output)!;
            result.Write(path);
            Console.WriteLine($"wrote {path}: {result.DurationSeconds:0.00} s as {name}");
            return 0;
        }));
        return command;
    }
}
