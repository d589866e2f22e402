using NeuralSynth.Transcription.Audio;
using NeuralSynth.Transcription.Midi;
using NeuralSynth.Transcription.Model;
using NeuralSynth.Transcription.Notes;

namespace NeuralSynth.Transcription;

/// <summary>
/// Offline audio-to-MIDI transcription with Spotify's Basic Pitch, reproducing upstream's Python
/// pipeline: resample to 22.05 kHz, overlapping 2 s windows, stitched posteriorgrams, note creation.
/// One instance holds one ONNX session; calls are serialised because the session's buffers are reused.
/// </summary>
public sealed class BasicPitchTranscriber : IDisposable
{
    private readonly BasicPitchModel _model;
    private readonly NoteCreationOptions _noteOptions;
    private readonly Lock _gate = new();

    public BasicPitchTranscriber(string modelPath, BasicPitchOptions? options = null)
    {
        Options = options ?? new BasicPitchOptions();
        _noteOptions = Options.ToNoteCreationOptions();
        _noteOptions.Validate();
        _model = new BasicPitchModel(modelPath, Options.Provider, Options.IntraOpNumThreads);
    }

    public BasicPitchOptions Options { get; }

    public TranscriptionResult Transcribe(float[] mono, int sampleRate, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(mono);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        if (mono.Length == 0)
        {
            throw new NeuralSynth.Engine.InvalidInputException("The audio is empty; there is nothing to transcribe.");
        }

        if (!float.IsFinite(System.Numerics.Tensors.TensorPrimitives.Sum(mono)))
        {
            throw new NeuralSynth.Engine.InvalidInputException("The audio contains NaN or infinite samples.");
        }

        lock (_gate)
        {
            float[] audio = LibrosaResampler.Resample(mono, sampleRate, BasicPitchConstants.SampleRate);
            progress?.Report(0.05);
            var inferenceProgress = progress is null ? null : new ScaledProgress(progress, 0.05, 0.95);
            BasicPitchOutput output = WindowedInference.Run(_model, audio, inferenceProgress);
            IReadOnlyList<NoteEvent> notes = NoteCreation.CreateNotes(output, _noteOptions);
            progress?.Report(1.0);
            return new TranscriptionResult(output, notes);
        }
    }

    /// <summary>Loads a WAV file (any channel count, averaged to mono) and transcribes it.</summary>
    public TranscriptionResult TranscribeFile(string wavPath, IProgress<double>? progress = null)
    {
        MonoAudio audio = AudioFileLoader.LoadWav(wavPath);
        return Transcribe(audio.Samples, audio.SampleRate, progress);
    }

    /// <summary>Writes notes as a type-1 MIDI file at 120 BPM, with pitch bends where notes do not overlap.</summary>
    public static void WriteMidi(IReadOnlyList<NoteEvent> notes, string path)
        => MidiExport.Write(notes, path, new MidiExportOptions());

    public static void WriteMidi(IReadOnlyList<NoteEvent> notes, string path, MidiExportOptions options)
        => MidiExport.Write(notes, path, options);

    public void Dispose() => _model.Dispose();

    private sealed class ScaledProgress(IProgress<double> inner, double from, double to) : IProgress<double>
    {
        public void Report(double value) => inner.Report(from + (to - from) * value);
    }
}
