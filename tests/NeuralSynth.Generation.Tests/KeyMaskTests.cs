using NeuralSynth.Generation.Music;
using Xunit;

namespace NeuralSynth.Generation.Tests;

/// <summary>The key mask's scale membership against a hand-written table, for all 24 keys and all 128 pitches.</summary>
public class KeyMaskTests
{
    public static IEnumerable<object[]> Keys() =>
        ScaleTable.Major.Keys.Concat(ScaleTable.Minor.Keys).Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(Keys))]
    public void KeyAllowsExactlyTheScaleInTheTable(string name)
    {
        string[] parts = name.Split(' ');
        var key = new Key(PitchClass.Parse(parts[0]), parts[1] == "major" ? Mode.Major : Mode.Minor);
        Assert.Equal(name, key.ToString());
        var wrong = Enumerable.Range(0, 128).Where(p => key.Contains(p) != ScaleTable.Allows(name, p)).ToList();
        Assert.True(wrong.Count == 0, $"{name}: pitches where the mask and the table disagree: {string.Join(", ", wrong)}");
    }

    [Fact]
    public void TableHasAllTwentyFourKeys()
    {
        Assert.Equal(12, ScaleTable.Major.Count);
        Assert.Equal(12, ScaleTable.Minor.Count);
        Assert.All(ScaleTable.Major.Values, s => Assert.Equal(7, s.Distinct().Count()));
        Assert.All(ScaleTable.Minor.Values, s => Assert.Equal(8, s.Distinct().Count()));
    }
}
