using NeuralSynth.Transcription.Model;

namespace NeuralSynth.Transcription.Notes;

/// <summary>From stitched model outputs to timed note events (upstream's model_output_to_notes).</summary>
internal static class NoteCreation
{
    public static IReadOnlyList<NoteEvent> CreateNotes(BasicPitchOutput output, NoteCreationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        options ??= new NoteCreationOptions();
        options.Validate();
        List<FrameNote> notes = NoteDecoder.Decode(output.Note, output.Onset, options);
        var events = new List<NoteEvent>(notes.Count);
        foreach (FrameNote note in notes)
        {
            events.Add(ToEvent(output.Contour, note, options.IncludePitchBends));
        }

        return events;
    }

    internal static NoteEvent ToEvent(ActivationMatrix contour, FrameNote note, bool includePitchBends)
        => ToEvent(contour.Data, contour.Bins, note, includePitchBends);

    internal static NoteEvent ToEvent(ReadOnlySpan<float> contour, int contourBins, FrameNote note, bool includePitchBends)
        => new(
            FrameTimes.ToSeconds(note.StartFrame),
            FrameTimes.ToSeconds(note.EndFrame),
            note.MidiPitch,
            note.Amplitude,
            includePitchBends ? PitchBendEstimator.Estimate(contour, contourBins, note) : null);
}
