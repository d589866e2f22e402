using NeuralSynth.Generation.Api;
using NeuralSynth.Generation;
using NeuralSynth.Generation.Tool.Bench;
using NeuralSynth.Generation.Tool.Corpus;
using NeuralSynth.Generation.Tokens;

// Recipe helper so the Python training reads tokens produced by the one C# tokenizer implementation.
//   tokenize <Jsb16thSeparated.json> <out-dir>   write vocab.json + {train,valid,test}.tok
//   tokenize-all <shared-data-dir> <out-dir>     every set (JSB, Nottingham, MuseData, Piano-midi): the issue-#20 corpus
//   theme <Jsb16thSeparated.json> [pieces [model.onnx]]    motif recurrence when continuing held-out primers vs unprimed
//   attributes <Jsb16thSeparated.json> [split]   print attribute histograms
//   vocab <out.json>                              write vocab.json only
//   bench [model.onnx]                            tokens/s on one core vs playback at 120 BPM
//   generate <out.mid> [bars] [key] [mode] [tempo] [emotion] [seed]   quick sample (the product CLI is neuralsynth generate)
if (args.Length >= 3 && args[0] == "tokenize")
{
    var counts = CorpusExporter.Export(args[1], args[2]);
    foreach (var (split, n) in counts) Console.WriteLine($"{split}: {n} tokens");
    return 0;
}
if (args.Length >= 3 && args[0] == "tokenize-all")
{
    var counts = NeuralSynth.Generation.Tool.Corpus.TrainingCorpusWriter.Write(
        NeuralSynth.Generation.Tool.Corpus.TrainingCorpusWriter.SharedSets(args[1]), args[2]);
    foreach (var (file, n) in counts) Console.WriteLine($"{file}: {n} tokens");
    return 0;
}
if (args.Length >= 2 && args[0] == "theme")
{
    int pieces = args.Length > 2 ? int.Parse(args[2]) : 20;
    Console.WriteLine(NeuralSynth.Generation.Tool.Evaluation.ThemeEvaluation.Run(args[1], pieces, bars: 16, seeds: 2, modelPath: args.Length > 3 ? args[3] : null));
    return 0;
}
if (args.Length >= 2 && args[0] == "attributes")
{
    Console.WriteLine(CorpusExporter.AttributeReport(args[1], args.Length > 2 ? args[2] : "train"));
    return 0;
}
if (args.Length >= 2 && args[0] == "vocab")
{
    File.WriteAllText(args[1], RemiVocabulary.ToJson());
    return 0;
}
if (args.Length >= 1 && args[0] == "bench")
{
    Console.WriteLine(GeneratorBenchmark.Run(args.Length > 1 ? args[1] : null, bars: 16, bpm: 120));
    return 0;
}
if (args.Length >= 2 && args[0] == "generate")
{
    string? Arg(int i) => args.Length > i && args[i] != "-" ? args[i] : null;
    var request = new GenerationRequest(
        Bars: int.Parse(Arg(2) ?? "16"), Key: Arg(3), Mode: Arg(4),
        Tempo: Arg(5) is { } t ? double.Parse(t) : null, Emotion: Arg(6), Seed: ulong.Parse(Arg(7) ?? "1"));
    var piece = SymbolicGenerator.Run(request);
    piece.WriteMidi(args[1]);
    piece.WritePianoRoll(Path.ChangeExtension(args[1], ".png"));
    Console.WriteLine($"{piece.Score.Notes.Count} notes, {piece.Attributes}, {piece.Tokens.Count} tokens in {piece.Elapsed.TotalSeconds:0.00} s");
    return 0;
}
Console.Error.WriteLine("usage: tokenize <jsb.json> <out-dir> | attributes <jsb.json> [split] | vocab <out.json> | bench [model] | generate <out.mid> [bars key mode tempo emotion seed]");
return 2;
