using System.Globalization;

namespace NeuralSynth.Transcription.Tests;

/// <summary>Locates the repository copies of the model and reference data (never the shared folder).</summary>
internal static class TestData
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ModelPath => Path.Combine(RepoRoot, "models", "basic-pitch", "nmp.onnx");

    public static string DataDir => Path.Combine(RepoRoot, "tests", "NeuralSynth.Transcription.Tests", "data");

    public static string VocaditoWav => Path.Combine(DataDir, "vocadito_10.wav");

    public static float[] LoadF32(string name)
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(DataDir, name));
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, values.Length * 4);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The golden arrays are little-endian.");
        }

        return values;
    }

    public static IReadOnlyList<GoldenNote> LoadGoldenNotes()
    {
        var notes = new List<GoldenNote>();
        foreach (string line in File.ReadLines(Path.Combine(DataDir, "vocadito_10.note_events.csv")).Skip(1))
        {
            string[] f = line.Split(',');
            int[] bends = f[4].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            notes.Add(new GoldenNote(
                double.Parse(f[0], CultureInfo.InvariantCulture),
                double.Parse(f[1], CultureInfo.InvariantCulture),
                int.Parse(f[2], CultureInfo.InvariantCulture),
                double.Parse(f[3], CultureInfo.InvariantCulture),
                bends));
        }

        return notes;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Plugin.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Could not find the repository root (the folder holding Plugin.sln).");
    }
}

internal sealed record GoldenNote(double Start, double End, int Pitch, double Amplitude, int[] Bends);
