using NeuralSynth.Transcription.Model;
using NeuralSynth.Transcription.Notes;

namespace NeuralSynth.Transcription.Tests;

public sealed class NoteCreationTests
{
    [Fact]
    public void DefaultMinimumLengthIsElevenFrames()
        => Assert.Equal(11, new NoteCreationOptions().MinimumNoteFrames);

    [Fact]
    public void FrameTimesFollowUpstreamWindowCorrection()
    {
        Assert.Equal(0.0, FrameTimes.ToSeconds(0));
        Assert.Equal(171 * 256 / 22050.0, FrameTimes.ToSeconds(171), 12);
        double offset = 256 / 22050.0 * (172 - 43844 / 256.0) + 0.0018;
        Assert.Equal(172 * 256 / 22050.0 - offset, FrameTimes.ToSeconds(172), 12);
        Assert.Equal(8.701009, FrameTimes.ToSeconds(753), 6);
    }

    [Fact]
    public void ContourBinOfPitchIsThreePerSemitoneFromA0()
    {
        Assert.Equal(0, PitchBendEstimator.ContourBinOf(21));
        Assert.Equal(144, PitchBendEstimator.ContourBinOf(69));
    }

    [Fact]
    public void SyntheticSustainedNoteIsDecoded()
    {
        var output = Synthetic(frames: 100, bin: 39, onsetFrame: 10, endFrame: 60);
        IReadOnlyList<NoteEvent> notes = NoteCreation.CreateNotes(output);
        NoteEvent note = Assert.Single(notes);
        Assert.Equal(60, note.MidiPitch);
        Assert.Equal(FrameTimes.ToSeconds(10), note.StartSeconds, 9);
        Assert.Equal(FrameTimes.ToSeconds(60), note.EndSeconds, 9);
        Assert.Equal(0.8, note.Amplitude, 6);
        Assert.All(note.PitchBends!, b => Assert.Equal(0, b));
    }

    [Fact]
    public void FrequencyLimitsRemoveNotesOutsideRange()
    {
        var output = Synthetic(frames: 100, bin: 39, onsetFrame: 10, endFrame: 60);
        Assert.Empty(NoteCreation.CreateNotes(output, new NoteCreationOptions { MaximumFrequencyHz = 200 }));
        Assert.Empty(NoteCreation.CreateNotes(output, new NoteCreationOptions { MinimumFrequencyHz = 400 }));
        Assert.Single(NoteCreation.CreateNotes(output, new NoteCreationOptions { MinimumFrequencyHz = 200, MaximumFrequencyHz = 400 }));
    }

    [Fact]
    public void ShortNotesAreDropped()
    {
        var output = Synthetic(frames: 100, bin: 39, onsetFrame: 10, endFrame: 20);
        Assert.Empty(NoteCreation.CreateNotes(output));
    }

    private static BasicPitchOutput Synthetic(int frames, int bin, int onsetFrame, int endFrame)
    {
        var note = new ActivationMatrix(frames, 88);
        var onset = new ActivationMatrix(frames, 88);
        var contour = new ActivationMatrix(frames, 264);
        for (int t = onsetFrame; t < endFrame; t++)
        {
            note[t, bin] = 0.8f;
            contour[t, bin * 3] = 0.9f;
        }

        onset[onsetFrame, bin] = 0.9f;
        return new BasicPitchOutput(note, onset, contour);
    }
}
