using System.Buffers.Binary;

namespace NeuralSynth.Engine.Audio;

/// <summary>
/// The size a WAV file's data chunk declares. NAudio trims that size to what the file holds, so a reader that
/// wants to say "claimed 288,000 bytes, found 56" has to read the chunk header itself.
/// </summary>
internal static class WavDataChunk
{
    /// <summary>The data chunk's declared byte count, or null when the RIFF chunks hold none; leaves the stream at 0.</summary>
    public static long? DeclaredBytes(Stream stream)
    {
        Span<byte> header = stackalloc byte[8];
        try
        {
            long position = 12; // after "RIFF", size, "WAVE"
            while (position + 8 <= stream.Length)
            {
                stream.Position = position;
                if (stream.ReadAtLeast(header, 8, throwOnEndOfStream: false) < 8) return null;
                long size = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
                if (header[..4].SequenceEqual("data"u8)) return size;
                position += 8 + size + (size & 1); // chunks are padded to an even length
            }
            return null;
        }
        finally
        {
            stream.Position = 0;
        }
    }
}
