using System.CommandLine;
using NeuralSynth.Cli.Soak;
using NeuralSynth.Engine;

namespace NeuralSynth.Cli.Commands;

/// <summary><c>soak --minutes N</c>: the whole engine under a real-time-like schedule, reporting what a host would feel.</summary>
public static class SoakCommand
{
    /// <summary>The effect models the soak swaps between: a NAM WaveNet and LSTM, a knob capture and an ONNX effect.</summary>
    public static readonly string[] DefaultEffectModels = ["nam/dumble.nam", "nam/lstm.nam", "nam/wavenet.nam", "fx/overdrive/model.json", "fx/compressor/model.onnx"];

    public static Command Create()
    {
        var minutes = new Option<double>("--minutes") { Description = "how long to run", DefaultValueFactory = _ => 1.0 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1 };
        var sampleRate = new Option<int>("--sample-rate") { DefaultValueFactory = _ => 48000 };
        var maxBlock = new Option<int>("--max-block") { Description = "block sizes are drawn from 1..this", DefaultValueFactory = _ => 512 };
        var source = new Option<string?>("--sound-source") { Description = "the instrument's sound source, e.g. \"DDSP Violin\" (default Additive)" };
        var command = new Command("soak", "Run the whole engine for N minutes with random blocks, MIDI and automation") { minutes, seed, sampleRate, maxBlock, source };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            double m = parse.GetValue(minutes);
            if (m <= 0 || m > 24 * 60) throw new InvalidInputException($"--minutes {m}: must be in (0, 1440]");
            int sr = parse.GetValue(sampleRate), block = parse.GetValue(maxBlock);
            RenderCommand.ValidateRateAndBlock(sr, block);
            var options = new SoakOptions(m, parse.GetValue(seed), sr, block, DefaultEffectModels, UseGenerator: true, parse.GetValue(source));
            Console.WriteLine($"soaking for {m} minute(s)...");
            var report = SoakRunner.Run(options, Console.IsOutputRedirected ? null : line => Console.Write("\r" + line));
            Console.WriteLine();
            Console.WriteLine(report);
            return report.Clean ? 0 : 3;
        }));
        return command;
    }
}
