using NeuralSynth.Transcription.Notes;

namespace NeuralSynth.Transcription.Tests;

[Collection(VocaditoCollection.Name)]
public sealed class NoteEventGoldenTests(VocaditoFixture fixture)
{
    private const double OneFrame = 256.0 / 22050.0;

    [Fact]
    public void NotesMatchGoldenCsvInOrder()
    {
        IReadOnlyList<GoldenNote> golden = TestData.LoadGoldenNotes();
        IReadOnlyList<NoteEvent> actual = fixture.Result.Notes;
        Assert.Equal(28, golden.Count);
        Assert.Equal(golden.Count, actual.Count);
        for (int i = 0; i < golden.Count; i++)
        {
            Assert.Equal(golden[i].Pitch, actual[i].MidiPitch);
            Assert.InRange(actual[i].StartSeconds - golden[i].Start, -OneFrame, OneFrame);
            Assert.InRange(actual[i].EndSeconds - golden[i].End, -OneFrame, OneFrame);
            Assert.InRange(actual[i].Amplitude - golden[i].Amplitude, -1e-3, 1e-3);
        }
    }

    [Fact]
    public void PitchBendsMatchGoldenCsv()
    {
        IReadOnlyList<GoldenNote> golden = TestData.LoadGoldenNotes();
        for (int i = 0; i < golden.Count; i++)
        {
            Assert.Equal(golden[i].Bends, fixture.Result.Notes[i].PitchBends);
        }
    }

    [Fact]
    public void OnsetsAndOffsetsAreExactToTheMicrosecond()
    {
        // The CSV prints 6 decimals; identical frame indices reproduce them exactly.
        IReadOnlyList<GoldenNote> golden = TestData.LoadGoldenNotes();
        for (int i = 0; i < golden.Count; i++)
        {
            Assert.Equal(golden[i].Start, fixture.Result.Notes[i].StartSeconds, 6);
            Assert.Equal(golden[i].End, fixture.Result.Notes[i].EndSeconds, 6);
        }
    }
}
