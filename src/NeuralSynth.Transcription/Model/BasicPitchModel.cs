using Microsoft.ML.OnnxRuntime;

namespace NeuralSynth.Transcription.Model;

/// <summary>
/// The nmp.onnx network run on one audio window at a time. Outputs are told apart by shape and by
/// the exporter's output order (contour is the only 264-bin output; of the two 88-bin ones the
/// first is the note posteriorgram and the second the onsets), verified against upstream's goldens.
/// </summary>
internal sealed class BasicPitchModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _inputName;
    private readonly string[] _outputNames;
    private readonly float[] _input = new float[BasicPitchConstants.WindowSamples];
    private readonly OrtValue _inputValue;
    private readonly RunOptions _runOptions = new();

    public BasicPitchModel(string modelPath, string provider = "cpu", int intraOpThreads = 0)
    {
        _session = BasicPitchSession.Open(modelPath, provider, intraOpThreads);
        try
        {
            _inputName = _session.InputNames.Single();
            (string contour, string note, string onset) = ResolveOutputs(_session);
            _outputNames = [note, onset, contour];
            _inputValue = OrtValue.CreateTensorValueFromMemory(_input, [1, BasicPitchConstants.WindowSamples, 1]);
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs one window of exactly <see cref="BasicPitchConstants.WindowSamples"/> samples and copies the
    /// 172-frame outputs into the given buffers (row-major frames × bins).
    /// </summary>
    public void Run(ReadOnlySpan<float> window, Span<float> note, Span<float> onset, Span<float> contour)
    {
        if (window.Length != BasicPitchConstants.WindowSamples)
        {
            throw new ArgumentException($"A window must hold {BasicPitchConstants.WindowSamples} samples.", nameof(window));
        }

        window.CopyTo(_input);
        using IDisposableReadOnlyCollection<OrtValue> results =
            _session.Run(_runOptions, [_inputName], [_inputValue], _outputNames);
        Copy(results[0], note, BasicPitchConstants.NoteBins);
        Copy(results[1], onset, BasicPitchConstants.NoteBins);
        Copy(results[2], contour, BasicPitchConstants.ContourBins);
    }

    private static void Copy(OrtValue value, Span<float> destination, int bins)
    {
        ReadOnlySpan<float> data = value.GetTensorDataAsSpan<float>();
        int expected = BasicPitchConstants.FramesPerWindow * bins;
        if (data.Length != expected || destination.Length < expected)
        {
            throw new InvalidOperationException($"Unexpected model output size {data.Length} (expected {expected}).");
        }

        data.CopyTo(destination);
    }

    private static (string Contour, string Note, string Onset) ResolveOutputs(InferenceSession session)
    {
        var byBins = session.OutputMetadata
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .GroupBy(kv => kv.Value.Dimensions[^1])
            .ToDictionary(g => g.Key, g => g.Select(kv => kv.Key).ToArray());
        if (!byBins.TryGetValue(BasicPitchConstants.ContourBins, out string[]? contour) || contour.Length != 1 ||
            !byBins.TryGetValue(BasicPitchConstants.NoteBins, out string[]? notes) || notes.Length != 2)
        {
            throw new NeuralSynth.Engine.InvalidInputException("The model does not have Basic Pitch's outputs (one 264-bin, two 88-bin).");
        }

        return (contour[0], notes[0], notes[1]);
    }

    public void Dispose()
    {
        _inputValue.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }
}
