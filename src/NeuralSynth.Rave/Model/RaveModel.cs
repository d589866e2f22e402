using Microsoft.ML.OnnxRuntime;

namespace NeuralSynth.Rave.Model;

/// <summary>
/// A loaded RAVE-style model: the manifest and one inference session per graph, each checked against the
/// manifest. Sessions are thread-safe to share, but the streaming state lives in <see cref="Inference.RaveEngine"/>,
/// so one model may back several engines.
/// </summary>
public sealed class RaveModel : IDisposable
{
    private RaveModel(string folder, RaveManifest manifest, InferenceSession encoder, InferenceSession decoder, InferenceSession? prior)
    {
        Folder = folder;
        Manifest = manifest;
        Encoder = encoder;
        Decoder = decoder;
        Prior = prior;
    }

    public string Folder { get; }
    public RaveManifest Manifest { get; }
    internal InferenceSession Encoder { get; }
    internal InferenceSession Decoder { get; }
    internal InferenceSession? Prior { get; }
    public bool HasPrior => Prior != null;

    /// <summary>Loads and validates a model folder. Throws <see cref="NeuralSynth.Engine.InvalidInputException"/>
    /// with a one-line message naming the file and field for anything wrong.</summary>
    /// <param name="provider">"cpu" (default) or "cuda".</param>
    public static RaveModel Load(string folder, string provider = "cpu")
    {
        var manifest = ManifestParser.Load(folder, out string manifestPath);
        var opened = new List<InferenceSession>();
        try
        {
            var m = manifest;
            var encoder = Open(folder, m.Encoder.File, manifestPath, "encoder.file", provider, opened);
            GraphContract.Check(encoder, manifestPath, "encoder", m.Encoder.File,
                [(m.Encoder.Input, m.GraphChannels)], [(m.Encoder.Output, m.LatentSize)], m.Encoder.States);
            var decoder = Open(folder, m.Decoder.File, manifestPath, "decoder.file", provider, opened);
            GraphContract.Check(decoder, manifestPath, "decoder", m.Decoder.File,
                [(m.Decoder.Input, m.LatentSize)], [(m.Decoder.Output, m.GraphChannels)], m.Decoder.States);
            InferenceSession? prior = null;
            if (m.Prior is { } p)
            {
                prior = Open(folder, p.File, manifestPath, "prior.file", provider, opened);
                GraphContract.Check(prior, manifestPath, "prior", p.File,
                    [(p.Input, m.LatentSize)], [(p.Mean, m.LatentSize), (p.LogStd, m.LatentSize)], p.States);
            }
            return new RaveModel(Path.GetFullPath(folder), manifest, encoder, decoder, prior);
        }
        catch
        {
            foreach (var s in opened) s.Dispose();
            throw;
        }
    }

    private static InferenceSession Open(string folder, string file, string manifestPath, string field, string provider, List<InferenceSession> opened)
    {
        string path = ModelFolder.ResolveFile(folder, file, manifestPath, field, ModelFolder.MaxGraphBytes);
        var session = NeuralSynth.Onnx.OnnxSessionFactory.Create(path, provider);
        opened.Add(session);
        return session;
    }

    public void Dispose()
    {
        Encoder.Dispose();
        Decoder.Dispose();
        Prior?.Dispose();
    }
}
