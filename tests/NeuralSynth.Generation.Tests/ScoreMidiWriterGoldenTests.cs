using Xunit;
using NeuralSynth.Generation.Midi;
using NeuralSynth.Generation.Music;

namespace NeuralSynth.Generation.Tests;

/// <summary>
/// Byte-for-byte oracle for <see cref="ScoreMidiWriter"/>: the files under data/ were written by the writer before it
/// moved onto the shared SMF writing, so any change to the bytes shows.
/// </summary>
public class ScoreMidiWriterGoldenTests
{
    public static TheoryData<string> Cases => ["quantized-d-minor", "six-eight-no-key", "empty"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void WrittenFileIsByteIdentical(string name)
    {
        string path = Path.Combine(Path.GetTempPath(), $"ns-gen-golden-{Guid.NewGuid():N}.mid");
        try
        {
            (Score score, Key? key) = Case(name);
            ScoreMidiWriter.Write(path, score, key);
            byte[] expected = File.ReadAllBytes(Path.Combine(DataFolder, $"score_writer.{name}.mid"));
            Assert.Equal(expected, File.ReadAllBytes(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static (Score, Key?) Case(string name) => name switch
    {
        "quantized-d-minor" => (TokenizerTests.QuantizedScore(), new Key(2, Mode.Minor)),
        "six-eight-no-key" => (new Score(
            [new ScoreNote(0, 6, 60, 90), new ScoreNote(0, 12, 48, 200), new ScoreNote(6, 3, 67, 0), new ScoreNote(9, 3, 64, 64)],
            [new TempoChange(0, 72.5), new TempoChange(12, 140)], Meter.SixEight), null),
        _ => (new Score([], [], Meter.ThreeFour), new Key(7, Mode.Major)),
    };

    private static string DataFolder { get; } = FindDataFolder();

    private static string FindDataFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Plugin.sln")))
                return Path.Combine(dir.FullName, "tests", "NeuralSynth.Generation.Tests", "data");
        }
        throw new DirectoryNotFoundException("Could not find the repository root (the folder holding Plugin.sln).");
    }
}
