using NeuralSynth.Transcription.Midi;
using NeuralSynth.Transcription.Notes;
using NoteEvent = NeuralSynth.Transcription.Notes.NoteEvent;

namespace NeuralSynth.Transcription.Tests;

/// <summary>
/// Byte-for-byte oracle for the MIDI export: the files under data/ were written by the exporter before it moved
/// onto the shared SMF writing, from the upstream note list (no model run), so any change to the bytes shows.
/// </summary>
public sealed class MidiExportGoldenTests
{
    public static TheoryData<string> Layouts => ["default", "multiple-bends", "no-bends"];

    [Theory]
    [MemberData(nameof(Layouts))]
    public void ExportOfTheUpstreamNotesIsByteIdentical(string layout)
    {
        string path = Path.Combine(Path.GetTempPath(), $"bp-golden-{Guid.NewGuid():N}.mid");
        try
        {
            MidiExport.Write(UpstreamNotes(), path, Options(layout));
            byte[] expected = File.ReadAllBytes(Path.Combine(TestData.DataDir, $"vocadito_10.{layout}.mid"));
            Assert.Equal(expected, File.ReadAllBytes(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static MidiExportOptions Options(string layout) => layout switch
    {
        "multiple-bends" => new MidiExportOptions { MultiplePitchBends = true, TempoBpm = 97.5, TicksPerQuarterNote = 384 },
        "no-bends" => new MidiExportOptions { IncludePitchBends = false, Program = 0 },
        _ => new MidiExportOptions(),
    };

    private static List<NoteEvent> UpstreamNotes()
        => TestData.LoadGoldenNotes().Select(n => new NoteEvent(n.Start, n.End, n.Pitch, n.Amplitude, n.Bends)).ToList();
}
