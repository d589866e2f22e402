using NeuralSynth.Generation.Tool.Bench;
using NeuralSynth.Generation.Api;
using NAudio.Midi;
using NeuralSynth.Generation.Music;
using Xunit;

namespace NeuralSynth.Generation.Tests;

public class GeneratorApiTests
{
    [Fact]
    public void GeneratedMidiIsValidAndFollowsKeyAndTempo()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"ns-gen-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var request = new GenerationRequest(Bars: 8, Key: "D", Mode: "minor", Tempo: 96, Emotion: "sad", Seed: 1);
            var piece = SymbolicGenerator.Run(request with { ModelPath = TestPaths.ModelPath });
            string midi = Path.Combine(dir, "out.mid");
            string png = Path.Combine(dir, "out.png");
            piece.WriteMidi(midi);
            piece.WritePianoRoll(png);

            var file = new MidiFile(midi, strictChecking: true);
            var tempo = file.Events.SelectMany(t => t).OfType<TempoEvent>().Single();
            Assert.Equal(96, tempo.Tempo, 2);
            var key = file.Events.SelectMany(t => t).OfType<KeySignatureEvent>().Single();
            Assert.Equal(-1, key.SharpsFlats); // D minor: one flat
            Assert.Equal(1, key.MajorMinor);
            var notes = file.Events.SelectMany(t => t).OfType<NoteOnEvent>().Where(n => n.Velocity > 0).ToList();
            Assert.NotEmpty(notes);
            Assert.All(notes, n => Assert.NotNull(n.OffEvent));
            Assert.All(notes, n => Assert.True(ScaleTable.Allows("D minor", n.NoteNumber), $"{n.NoteNumber} out of key"));
            Assert.True(notes.Max(n => n.AbsoluteTime) < 8 * 4 * file.DeltaTicksPerQuarterNote);
            Assert.Equal(new Key(2, Mode.Minor), piece.Attributes.Key);
            Assert.Equal(Emotion.Sad, piece.Attributes.Emotion);
            Assert.True(new FileInfo(png).Length > 100);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void BenchmarkReportsThroughputAgainstPlayback()
    {
        var result = GeneratorBenchmark.Run(TestPaths.ModelPath, bars: 2, bpm: 120);
        Assert.True(result.TokensPerSecond > 0);
        Assert.Equal(0.5 * result.TokensPerBar, result.PlaybackTokensPerSecond, 6); // 120 BPM 4/4 = 0.5 bars/s
    }
}
