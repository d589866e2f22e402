using NeuralSynth.Fuzz;
using SharpFuzz;

// Usage:
//   NeuralSynth.Fuzz <target>            run under afl-fuzz (SharpFuzz out-of-process protocol)
//   NeuralSynth.Fuzz <target> <file...>  replay inputs (crash reproduction), exit 1 on a finding
if (args.Length == 0)
{
    Console.Error.WriteLine($"usage: NeuralSynth.Fuzz <target> [files...]; targets: {string.Join(", ", FuzzTargets.All.Select(t => t.Name))}");
    return 2;
}
var target = FuzzTargets.Find(args[0]);
if (args.Length > 1)
{
    int findings = 0;
    foreach (string file in args.Skip(1))
    {
        string? finding = FuzzTargets.Check(target, File.ReadAllBytes(file));
        if (finding == null) continue;
        findings++;
        Console.WriteLine($"{file}: {finding}");
    }
    return findings == 0 ? 0 : 1;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    try
    {
        target.Parse(buffer.ToArray());
    }
    catch (Exception e) when (FuzzTarget.IsExpectedRefusal(e))
    {
        // A clear refusal is the correct outcome for bad input; AFL only hears about everything else.
    }
});
return 0;
