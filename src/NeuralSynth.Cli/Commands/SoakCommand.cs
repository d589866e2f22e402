using System.CommandLine;
using NeuralSynth.Cli.Soak;
using NeuralSynth.Engine;

namespace NeuralSynth.Cli.Commands;

/// <summary><c>soak --minutes N</c>: the whole engine under a real-time-like schedule, reporting what a host would feel.</summary>
public static class SoakCommand
{
    /// <summary>The effect models the soak swaps between: NAM WaveNets and LSTM, a knob capture, an ONNX effect and DDSP transfer.</summary>
    public static readonly string[] DefaultEffectModels = ["nam/dumble.nam", "nam/lstm.nam", "nam/wavenet.nam", "fx/overdrive/model.json", "fx/compressor/model.onnx", "ddsp/violin"];

    /// <summary>The RAVE model the second effect holds for the whole run.</summary>
    public const string DefaultRaveModel = "rave/fluid-small";

    /// <summary>The sound source: DDSP voices, the instrument's heaviest.</summary>
    public const string DefaultSoundSource = "DDSP Violin";

    public static Command Create()
    {
        var minutes = new Option<double>("--minutes") { Description = "how long to run", DefaultValueFactory = _ => 1.0 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1 };
        var sampleRate = new Option<int>("--sample-rate") { DefaultValueFactory = _ => 48000 };
        var maxBlock = new Option<int>("--max-block") { Description = "block sizes are drawn from 1..this", DefaultValueFactory = _ => 512 };
        var blockSize = new Option<int?>("--block-size") { Description = "every block this many samples, as hosts run (default: random sizes 1..--max-block)" };
        var source = new Option<string>("--sound-source") { Description = "the instrument's sound source, e.g. Additive", DefaultValueFactory = _ => DefaultSoundSource };
        var rave = new Option<string>("--rave") { Description = "RAVE model for the second effect, or \"none\"", DefaultValueFactory = _ => DefaultRaveModel };
        var noListen = new Option<bool>("--no-listener") { Description = "leave the sidechain transcriber out" };
        var effects = new Option<string[]>("--effect-models") { Description = "the effect models to swap between (library references)", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => DefaultEffectModels };
        var slowest = new Option<int>("--slowest") { Description = "list this many of the blocks with the most CPU time, with monotonic timestamps (tools/soak-spikes.sh reads them beside a perf profile)", DefaultValueFactory = _ => 5 };
        var command = new Command("soak", "Run the whole engine for N minutes with random blocks, MIDI and automation")
            { minutes, seed, sampleRate, maxBlock, blockSize, source, rave, noListen, effects, slowest };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            double m = parse.GetValue(minutes);
            if (m <= 0 || m > 24 * 60) throw new InvalidInputException($"--minutes {m}: must be in (0, 1440]");
            int sr = parse.GetValue(sampleRate), block = parse.GetValue(maxBlock);
            int? fixedBlock = parse.GetValue(blockSize);
            if (fixedBlock is { } size) block = size;
            RenderCommand.ValidateRateAndBlock(sr, block);
            string raveModel = parse.GetValue(rave)!;
            int listed = parse.GetValue(slowest);
            if (listed < 1 || listed > SlowestBlocks.MaxCapacity) throw new InvalidInputException($"--slowest {listed}: must be 1..{SlowestBlocks.MaxCapacity}");
            var options = new SoakOptions(m, parse.GetValue(seed), sr, block, parse.GetValue(effects)!, UseGenerator: true, parse.GetValue(source),
                fixedBlock, raveModel == "none" ? null : raveModel, Listen: !parse.GetValue(noListen), Slowest: listed);
            Console.WriteLine($"soaking for {m} minute(s)...");
            var report = SoakRunner.Run(options, Console.IsOutputRedirected ? null : line => Console.Write("\r" + line));
            Console.WriteLine();
            Console.WriteLine(report);
            return report.Clean ? 0 : 3;
        }));
        return command;
    }
}
