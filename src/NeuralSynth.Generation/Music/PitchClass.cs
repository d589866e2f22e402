namespace NeuralSynth.Generation.Music;

/// <summary>Pitch-class names and parsing (sharps for output; flats accepted on input).</summary>
public static class PitchClass
{
    private static readonly string[] Names = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];

    public static string Name(int pitchClass) => Names[((pitchClass % 12) + 12) % 12];

    public static int Parse(string text)
    {
        string t = text.Trim();
        if (t.Length == 0) throw new Engine.InvalidInputException("empty key name");
        int pc = char.ToUpperInvariant(t[0]) switch
        {
            'C' => 0, 'D' => 2, 'E' => 4, 'F' => 5, 'G' => 7, 'A' => 9, 'B' => 11,
            _ => throw new Engine.InvalidInputException($"unknown key '{text}'"),
        };
        foreach (char c in t.AsSpan(1))
        {
            if (c is '#' or 's') pc++;
            else if (c is 'b' or 'B') pc--;
            else throw new Engine.InvalidInputException($"unknown key '{text}'");
        }
        return ((pc % 12) + 12) % 12;
    }
}
