using NeuralSynth.Vst3.Host;

namespace NeuralSynth.Vst3.Plugin;

/// <summary>Moves state chunks through a host's IBStream, reading exactly as many bytes as the header announces.</summary>
internal static class StateStream
{
    public static bool Write(IntPtr stream, byte[] chunk) => stream != IntPtr.Zero && BStream.WriteAll(stream, chunk);

    public static bool TryRead(IntPtr stream, PluginDefinition definition, PluginState baseline, out PluginState? state, out string? problem)
    {
        state = null;
        if (stream == IntPtr.Zero)
        {
            problem = "no stream";
            return false;
        }
        var header = new byte[StateChunk.HeaderSize];
        if (!BStream.ReadExactly(stream, header))
        {
            problem = "state stream ended inside the header";
            return false;
        }
        if (!StateChunk.TryReadHeader(header, definition, out int remaining, out problem)) return false;
        var chunk = new byte[StateChunk.HeaderSize + remaining];
        header.CopyTo(chunk, 0);
        if (!BStream.ReadExactly(stream, chunk.AsSpan(StateChunk.HeaderSize)))
        {
            problem = "state stream ended inside the payload";
            return false;
        }
        return StateChunk.TryParse(chunk, definition, baseline, out state, out problem);
    }
}
