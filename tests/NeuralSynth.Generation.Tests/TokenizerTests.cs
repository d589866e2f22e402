using Xunit;
using NeuralSynth.Generation.Midi;
using NeuralSynth.Generation.Music;
using NeuralSynth.Generation.Tokens;

namespace NeuralSynth.Generation.Tests;

public class TokenizerTests
{
    /// <summary>Already on the grid: velocities at bin centres, tempos at buckets, durations 1..32.</summary>
    internal static Score QuantizedScore()
    {
        var notes = new List<ScoreNote>();
        int[] chord = [48, 55, 64, 67];
        for (int bar = 0; bar < 6; bar++)
        {
            foreach (int p in chord) notes.Add(new ScoreNote(bar * 16, 8, p + bar % 3, Quantization.BinVelocity(5)));
            notes.Add(new ScoreNote(bar * 16 + 8, 4, 72 + bar, Quantization.BinVelocity(7)));
            notes.Add(new ScoreNote(bar * 16 + 12, 1, 74, Quantization.BinVelocity(bar % 8)));
            notes.Add(new ScoreNote(bar * 16 + 13, 32, 36, Quantization.BinVelocity(2)));
        }
        notes.Add(new ScoreNote(7 * 16 + 3, 5, 108, Quantization.BinVelocity(0)));
        notes.Add(new ScoreNote(7 * 16 + 3, 2, 21, Quantization.BinVelocity(1)));
        var tempos = new List<TempoChange> { new(0, 100), new(16 + 4, 126), new(5 * 16, 63) };
        return new Score(notes, tempos, Meter.FourFour);
    }

    [Fact]
    public void RoundTripIsExactOnQuantizedInput()
    {
        var score = QuantizedScore();
        var tokenizer = new RemiTokenizer();
        var tokens = tokenizer.Encode(score);
        var (decoded, attributes) = tokenizer.Decode(tokens);

        Assert.Equal(score.SortedNotes(), decoded.SortedNotes());
        Assert.Equal(score.Tempos, decoded.Tempos);
        Assert.Equal(score.Meter, decoded.Meter);
        Assert.NotNull(attributes);
        Assert.Equal(tokens, tokenizer.Encode(decoded));
    }

    [Theory]
    [InlineData(Meter.ThreeFour)]
    [InlineData(Meter.SixEight)]
    [InlineData(Meter.TwoFour)]
    public void RoundTripKeepsOtherMeters(Meter meter)
    {
        int spb = meter.StepsPerBar();
        var notes = Enumerable.Range(0, 40).Select(i => new ScoreNote(i * 3 % (spb * 8), 1 + i % 7, 50 + i % 30, Quantization.BinVelocity(i % 8)))
            .DistinctBy(n => (n.Start, n.Pitch)).ToList();
        var score = new Score(notes, [new TempoChange(0, 84)], meter);
        var tokenizer = new RemiTokenizer();
        var (decoded, attrs) = tokenizer.Decode(tokenizer.Encode(score));
        Assert.Equal(score.SortedNotes(), decoded.SortedNotes());
        Assert.Equal(meter, attrs!.Meter);
    }

    [Fact]
    public void MidiFileRoundTripIsExactOnQuantizedInput()
    {
        var score = QuantizedScore();
        string path = Path.Combine(Path.GetTempPath(), $"ns-gen-rt-{Guid.NewGuid():N}.mid");
        try
        {
            ScoreMidiWriter.Write(path, score, new Key(2, Mode.Minor));
            var read = ScoreMidiReader.Read(path);
            Assert.Equal(score.SortedNotes(), read.SortedNotes());
            Assert.Equal(score.Tempos, read.Tempos);
            var tokenizer = new RemiTokenizer();
            Assert.Equal(tokenizer.Encode(score), tokenizer.Encode(read));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void QuantisationRoundsToNearestSixteenthAndClipsDurations()
    {
        var raw = new Score(
            [new ScoreNote(0, 100, 60, 3), new ScoreNote(0, 0, 60, 127), new ScoreNote(5, 3, 20, 64), new ScoreNote(5, 3, 64, 64)],
            [new TempoChange(0, 97), new TempoChange(16, 99)], Meter.FourFour);
        var c = ScoreCanonicalizer.Canonicalize(raw);
        // Same onset and pitch: the longer note wins; duration clipped to 32; out-of-range pitch dropped.
        Assert.Equal([new ScoreNote(0, 32, 60, 8), new ScoreNote(5, 3, 64, 72)], c.Notes);
        // 97 and 99 both snap to the 100 bucket, so the second change is redundant.
        Assert.Equal([new TempoChange(0, 100)], c.Tempos);
        Assert.Equal(2, Quantization.TicksToSteps(230, 480)); // 230 ticks = 1.92 sixteenths
    }

    [Fact]
    public void VocabularyIsConsistentAndShippedVocabMatches()
    {
        Assert.Equal(RemiVocabulary.Size, RemiVocabulary.AllNames.Distinct().Count());
        for (int id = 0; id < RemiVocabulary.Size; id++)
            Assert.Equal(id, RemiVocabulary.Id(RemiVocabulary.KindOf(id), RemiVocabulary.ValueOf(id)));
        string shipped = Path.Combine(TestPaths.ModelFolder, "vocab.json");
        Assert.Equal(RemiVocabulary.ToJson(), File.ReadAllText(shipped));
    }

    [Fact]
    public void AttributesAreDerivedFromTheMusic()
    {
        var cMajorScale = new[] { 60, 62, 64, 65, 67, 69, 71, 72 };
        var notes = Enumerable.Range(0, 64).Select(i => new ScoreNote(i * 2, 2, cMajorScale[i % 8] + (i % 3 == 0 ? -12 : 0), 80)).ToList();
        notes.AddRange(Enumerable.Range(0, 8).Select(i => new ScoreNote(i * 16, 16, 48, 80)));
        var a = AttributeExtractor.Extract(new Score(notes, [new TempoChange(0, 136)], Meter.FourFour));
        Assert.Equal(new Key(0, Mode.Major), a.Key);
        Assert.Equal(2, a.TempoClass);           // 108..140 bpm
        Assert.Equal(2, a.Density);              // 9 onsets per bar
        Assert.Equal(Emotion.Happy, a.Emotion);  // major, 9 notes/bar at 136 bpm ≈ 5.1 notes/s
    }
}
