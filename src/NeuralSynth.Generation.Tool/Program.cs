using NeuralSynth.Generation.Corpus;
using NeuralSynth.Generation.Tokens;

// Recipe helper so the Python training reads tokens produced by the one C# tokenizer implementation.
//   tokenize <Jsb16thSeparated.json> <out-dir>   write vocab.json + {train,valid,test}.tok
//   attributes <Jsb16thSeparated.json> [split]   print attribute histograms
//   vocab <out.json>                              write vocab.json only
if (args.Length >= 3 && args[0] == "tokenize")
{
    var counts = CorpusExporter.Export(args[1], args[2]);
    foreach (var (split, n) in counts) Console.WriteLine($"{split}: {n} tokens");
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
Console.Error.WriteLine("usage: tokenize <jsb.json> <out-dir> | attributes <jsb.json> [split] | vocab <out.json>");
return 2;
