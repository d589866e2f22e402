using System.Diagnostics;
using NeuralSynth.Generation.Midi;
using NeuralSynth.Generation.Model;
using NeuralSynth.Generation.Music;
using NeuralSynth.Generation.Sampling;

namespace NeuralSynth.Generation.Api;

/// <summary>
/// Offline generation for the CLI: request → attribute prefix → (primer, theme) → sampled bars → piece.
/// Holds one model session; not thread-safe (use one instance per thread).
/// </summary>
public sealed class SymbolicGenerator : IDisposable
{
    private readonly ITokenModel _model;
    private readonly bool _ownsModel;

    /// <param name="modelPath">model.onnx; null = the shipped models/generator/model.onnx.</param>
    public SymbolicGenerator(string? modelPath = null)
        : this(GeneratorModelInfo.Load(modelPath).Open(), ownsModel: true)
    {
    }

    public SymbolicGenerator(ITokenModel model, bool ownsModel = false)
    {
        _model = model;
        _ownsModel = ownsModel;
    }

    /// <summary>One-shot convenience: loads the model named by the request (or the shipped one), generates, disposes.</summary>
    public static GeneratedPiece Run(GenerationRequest request)
    {
        using var generator = new SymbolicGenerator(request.ModelPath);
        return generator.Generate(request);
    }

    public GeneratedPiece Generate(GenerationRequest request)
    {
        request.Validate();
        var clock = Stopwatch.StartNew();
        Score? primer = request.PrimerMidiPath is null ? null : ScoreMidiReader.Read(request.PrimerMidiPath);
        ThemeOptions? theme = request.ThemeMidiPath is null ? null
            : new ThemeOptions(ScoreMidiReader.Read(request.ThemeMidiPath), request.ThemeEveryBars);
        var (attributes, tempo) = AttributeResolver.Resolve(request, primer);

        var session = new GenerationSession(_model, request.Seed)
        {
            Sampling = new SamplingOptions(request.Temperature, request.TopK, request.TopP),
            Constraints = new GrammarConstraints(Key: request.EffectiveKeyMask ? attributes.Key : null),
            DensityStrength = request.DensityGuidance,
            TonicBassBias = request.TonicBias,
            MotifStrength = request.MotifGuidance,
        };
        session.Start(attributes, tempo, primer, theme);
        int primerBars = primer is { Notes.Count: > 0 } ? primer.BarCount : 0;
        int totalBars = primerBars + request.Bars;
        session.GenerateUntilBar(totalBars);

        var score = new Score(session.Notes.ToList(), [new TempoChange(0, tempo)], attributes.Meter);
        var tokens = session.PrefixTokens.Concat(session.BodyTokens).ToList();
        return new GeneratedPiece(score, attributes, primerBars, request.Bars, tokens, clock.Elapsed);
    }

    public void Dispose()
    {
        if (_ownsModel) _model.Dispose();
    }
}
