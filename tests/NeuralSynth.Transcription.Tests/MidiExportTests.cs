using NAudio.Midi;
using NeuralSynth.Transcription.Midi;
using NeuralSynth.Transcription.Notes;
using NoteEvent = NeuralSynth.Transcription.Notes.NoteEvent;

namespace NeuralSynth.Transcription.Tests;

[Collection(VocaditoCollection.Name)]
public sealed class MidiExportTests(VocaditoFixture fixture)
{
    [Fact]
    public void WritesNotesAtTempo120WithPitchBends()
    {
        string path = Path.Combine(Path.GetTempPath(), $"bp-{Guid.NewGuid():N}.mid");
        try
        {
            BasicPitchTranscriber.WriteMidi(fixture.Result.Notes, path);
            var midi = new MidiFile(path, strictChecking: true);
            var all = Enumerable.Range(0, midi.Tracks).SelectMany(t => midi.Events[t]).ToList();
            var tempo = all.OfType<TempoEvent>().Single();
            Assert.Equal(120, tempo.Tempo, 6);

            var ons = all.OfType<NoteOnEvent>().Where(e => e.Velocity > 0).ToList();
            Assert.Equal(fixture.Result.Notes.Count, ons.Count);
            Assert.Equal(
                fixture.Result.Notes.Select(n => n.MidiPitch).Order(),
                ons.Select(e => e.NoteNumber).Order());

            // 120 BPM: one second is two quarter notes.
            NoteEvent first = fixture.Result.Notes.MinBy(n => n.StartSeconds)!;
            long expectedTicks = (long)Math.Round(first.StartSeconds * midi.DeltaTicksPerQuarterNote * 2);
            Assert.Equal(expectedTicks, ons.Min(e => e.AbsoluteTime));
            Assert.NotEmpty(all.OfType<PitchWheelChangeEvent>());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void PitchBendsCanBeLeftOut()
    {
        string path = Path.Combine(Path.GetTempPath(), $"bp-{Guid.NewGuid():N}.mid");
        try
        {
            BasicPitchTranscriber.WriteMidi(fixture.Result.Notes, path, new MidiExportOptions { IncludePitchBends = false });
            var midi = new MidiFile(path, strictChecking: true);
            Assert.Empty(Enumerable.Range(0, midi.Tracks).SelectMany(t => midi.Events[t]).OfType<PitchWheelChangeEvent>());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
