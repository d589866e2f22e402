namespace NeuralSynth.Generation.Music;

public enum Mode
{
    Major,
    Minor,
}

/// <summary>
/// A tonic pitch class and a mode. The key mask allows the major scale, or for minor the natural minor scale plus
/// the raised 7th (natural ∪ harmonic minor, 8 pitch classes); melodic minor's raised 6th is not allowed.
/// </summary>
public readonly record struct Key(int Tonic, Mode Mode)
{
    private static readonly int[] MajorSteps = [0, 2, 4, 5, 7, 9, 11];
    // Harmonic minor (raised 7th) because JSB minor-key chorales use the leading tone in nearly every cadence;
    // the natural 7th is also allowed so descending lines are not forced chromatic.
    private static readonly int[] MinorSteps = [0, 2, 3, 5, 7, 8, 10, 11];

    public bool Contains(int midiPitch)
    {
        int rel = (((midiPitch - Tonic) % 12) + 12) % 12;
        return Array.IndexOf(Mode == Mode.Major ? MajorSteps : MinorSteps, rel) >= 0;
    }

    public override string ToString() => $"{PitchClass.Name(Tonic)} {(Mode == Mode.Major ? "major" : "minor")}";

    /// <summary>Circle-of-fifths count for a MIDI key-signature meta event (major: tonic; minor: relative major).</summary>
    public int SharpsOrFlats()
    {
        int major = Mode == Mode.Major ? Tonic : (Tonic + 3) % 12;
        int fifths = (major * 7) % 12; // C=0, G=1, D=2 ... F=11
        return fifths > 6 ? fifths - 12 : fifths;
    }
}
