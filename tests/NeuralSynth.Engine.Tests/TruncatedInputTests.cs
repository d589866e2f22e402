using NeuralSynth.Engine.Audio;
using NeuralSynth.Engine.Midi;
using Xunit;

namespace NeuralSynth.Engine.Tests;

/// <summary>
/// A file cut short loads what it holds and says so in one warning (claimed vs read); one that holds nothing
/// whole is an error. Before, a WAV whose data chunk claimed 288,000 bytes and held 56 loaded silently.
/// </summary>
public class TruncatedInputTests
{
    private static (T Result, List<string> Warnings) Listening<T>(Func<T> read)
    {
        var warnings = new List<string>();
        using (InputWarnings.Listen(warnings.Add)) return (read(), warnings);
    }

    [Fact]
    public void TruncatedWavLoadsTheFramesItHoldsWithOneWarning()
    {
        // 288,000 bytes claimed = 72,000 float frames = 1.5 s at 48 kHz; 12,000 frames (0.25 s) present.
        byte[] file = TruncatedFiles.Wav(TruncatedFiles.Sine(12000), claimedBytes: 288_000);
        var (audio, warnings) = Listening(() => AudioFile.Read(new MemoryStream(file), "cut.wav"));
        Assert.Equal(12000, audio.Frames);
        string warning = Assert.Single(warnings);
        Assert.Equal("cut.wav: truncated WAV file: the data chunk claims 288000 bytes (72000 frames, 1.500 s) but the file holds 12000 frames (250 ms); read those", warning);
    }

    [Fact]
    public void WavHoldingFourteenOfItsClaimedFramesStillWarns()
    {
        // The file: 56 bytes of a claimed 288,000.
        byte[] file = TruncatedFiles.Wav(new float[14], claimedBytes: 288_000);
        var (audio, warnings) = Listening(() => AudioFile.Read(new MemoryStream(file), "cut.wav"));
        Assert.Equal(14, audio.Frames);
        Assert.Contains("holds 14 frames (0.292 ms)", Assert.Single(warnings));
    }

    [Fact]
    public void TruncatedWavWithoutOneWholeFrameIsAnError()
    {
        byte[] file = TruncatedFiles.Wav([], claimedBytes: 288_000, extraBytes: 3);
        var e = Assert.Throws<InvalidInputException>(() => AudioFile.Read(new MemoryStream(file), "cut.wav"));
        Assert.Equal("cut.wav: truncated WAV file: the data chunk claims 288000 bytes (72000 frames, 1.500 s) but the file holds not one whole frame", e.Message);
    }

    [Fact]
    public void WholeWavGivesNoWarning()
    {
        byte[] file = TruncatedFiles.Wav(TruncatedFiles.Sine(480), claimedBytes: 480 * 4);
        var (audio, warnings) = Listening(() => AudioFile.Read(new MemoryStream(file), "whole.wav"));
        Assert.Equal(480, audio.Frames);
        Assert.Empty(warnings);
    }

    [Fact]
    public void TruncatedMidiTrackPlaysItsWholeEventsWithOneWarning()
    {
        // Track 2 claims 1,000 bytes; it holds 10 notes (90 bytes) less the last 4 bytes: 9 whole notes and the
        // note-on of the tenth = 19 whole events.
        byte[] file = TruncatedFiles.Midi(notes: 10, claimedTrackBytes: 1000, cutBytes: 4);
        var (sequence, warnings) = Listening(() => MidiFileLoader.Load(file, "cut.mid"));
        Assert.Equal(10, sequence.NoteCount);
        Assert.Equal("cut.mid: truncated MIDI file: track 2 of 2 claims 1000 bytes but the file holds 86; read its first 19 events (85 bytes)", Assert.Single(warnings));
    }

    [Fact]
    public void TruncatedMidiTrackWithoutOneWholeEventIsAnError()
    {
        byte[] file = TruncatedFiles.Midi(notes: 1, claimedTrackBytes: 1000, cutBytes: 7); // 2 bytes of the note-on
        var e = Assert.Throws<InvalidInputException>(() => MidiFileLoader.Load(file, "cut.mid"));
        Assert.Equal("cut.mid: corrupt or truncated MIDI file (track 2 of 2 claims 1000 bytes but the file holds 2: not one whole event)", e.Message);
    }

    [Fact]
    public void WholeMidiGivesNoWarning()
    {
        byte[] file = TruncatedFiles.Midi(notes: 3, claimedTrackBytes: 27);
        var (sequence, warnings) = Listening(() => MidiFileLoader.Load(file, "whole.mid"));
        Assert.Equal(3, sequence.NoteCount);
        Assert.Empty(warnings);
    }
}
