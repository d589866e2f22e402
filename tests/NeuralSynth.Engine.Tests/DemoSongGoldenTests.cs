using NeuralSynth.Engine.Midi;
using Xunit;

namespace NeuralSynth.Engine.Tests;

public sealed class DemoSongGoldenTests
{
    /// <summary>The shipped demo is what <c>make-demo</c> writes, byte for byte, so a change to the MIDI writing shows.</summary>
    [Fact]
    public void WrittenDemoIsTheShippedFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"ns-demo-{Guid.NewGuid():N}.mid");
        try
        {
            DemoSong.Write(path);
            Assert.Equal(File.ReadAllBytes(TestSupport.DemoMidi), File.ReadAllBytes(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
