using System.CommandLine;
using NeuralSynth.Cli.Commands;

var root = new RootCommand("NeuralSynth: neural synthesis and effects engine, rendered offline.")
{
    RenderCommand.Create(),
    InfoCommand.Create(),
    BenchCommand.Create(),
    MakeDemoCommand.Create(),
    SpectrogramCommand.Create(),
    TranscribeCommand.Create(),
    SoakCommand.Create(),
    GenerateCommand.Create(),
    TransferCommand.Create(),
    FxCommand.Create(),
    RaveCommand.Create(),
    Vst3PresetsCommand.Create(),
};
return root.Parse(args).Invoke();
