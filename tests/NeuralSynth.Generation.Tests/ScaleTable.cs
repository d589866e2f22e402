namespace NeuralSynth.Generation.Tests;

/// <summary>
/// The pitch classes each key allows, written out by hand from the scales (not computed, and not from
/// <c>Key</c>), so key-mask tests have an oracle that is not the code under test. C=0, C#/Db=1 … B=11.
/// Major: the major scale. Minor: natural minor plus the raised 7th (the union of natural and harmonic minor),
/// which is what the product's key mask allows (see Key.cs and the Generation README).
/// </summary>
internal static class ScaleTable
{
    public static readonly IReadOnlyDictionary<string, int[]> Major = new Dictionary<string, int[]>
    {
        ["C major"] = [0, 2, 4, 5, 7, 9, 11],      // C D E F G A B
        ["C# major"] = [1, 3, 5, 6, 8, 10, 0],     // C# D# E# F# G# A# B#
        ["D major"] = [2, 4, 6, 7, 9, 11, 1],      // D E F# G A B C#
        ["D# major"] = [3, 5, 7, 8, 10, 0, 2],     // Eb F G Ab Bb C D
        ["E major"] = [4, 6, 8, 9, 11, 1, 3],      // E F# G# A B C# D#
        ["F major"] = [5, 7, 9, 10, 0, 2, 4],      // F G A Bb C D E
        ["F# major"] = [6, 8, 10, 11, 1, 3, 5],    // F# G# A# B C# D# E#
        ["G major"] = [7, 9, 11, 0, 2, 4, 6],      // G A B C D E F#
        ["G# major"] = [8, 10, 0, 1, 3, 5, 7],     // Ab Bb C Db Eb F G
        ["A major"] = [9, 11, 1, 2, 4, 6, 8],      // A B C# D E F# G#
        ["A# major"] = [10, 0, 2, 3, 5, 7, 9],     // Bb C D Eb F G A
        ["B major"] = [11, 1, 3, 4, 6, 8, 10],     // B C# D# E F# G# A#
    };

    public static readonly IReadOnlyDictionary<string, int[]> Minor = new Dictionary<string, int[]>
    {
        ["C minor"] = [0, 2, 3, 5, 7, 8, 10, 11],  // C D Eb F G Ab Bb + B
        ["C# minor"] = [1, 3, 4, 6, 8, 9, 11, 0],  // C# D# E F# G# A B + B#
        ["D minor"] = [2, 4, 5, 7, 9, 10, 0, 1],   // D E F G A Bb C + C#
        ["D# minor"] = [3, 5, 6, 8, 10, 11, 1, 2], // D# E# F# G# A# B C# + C##
        ["E minor"] = [4, 6, 7, 9, 11, 0, 2, 3],   // E F# G A B C D + D#
        ["F minor"] = [5, 7, 8, 10, 0, 1, 3, 4],   // F G Ab Bb C Db Eb + E
        ["F# minor"] = [6, 8, 9, 11, 1, 2, 4, 5],  // F# G# A B C# D E + E#
        ["G minor"] = [7, 9, 10, 0, 2, 3, 5, 6],   // G A Bb C D Eb F + F#
        ["G# minor"] = [8, 10, 11, 1, 3, 4, 6, 7], // G# A# B C# D# E F# + F##
        ["A minor"] = [9, 11, 0, 2, 4, 5, 7, 8],   // A B C D E F G + G#
        ["A# minor"] = [10, 0, 1, 3, 5, 6, 8, 9],  // Bb C Db Eb F Gb Ab + A
        ["B minor"] = [11, 1, 2, 4, 6, 7, 9, 10],  // B C# D E F# G A + A#
    };

    /// <summary>Whether <paramref name="midiPitch"/> is in the named key ("D minor"), by the table alone.</summary>
    public static bool Allows(string key, int midiPitch)
    {
        var table = key.EndsWith("major", StringComparison.Ordinal) ? Major : Minor;
        return table[key].Contains(midiPitch % 12);
    }
}
