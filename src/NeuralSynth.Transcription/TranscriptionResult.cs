using NeuralSynth.Transcription.Model;
using NeuralSynth.Transcription.Notes;

namespace NeuralSynth.Transcription;

/// <summary>Model posteriorgrams and the notes decoded from them.</summary>
public sealed record TranscriptionResult(BasicPitchOutput ModelOutput, IReadOnlyList<NoteEvent> Notes);
