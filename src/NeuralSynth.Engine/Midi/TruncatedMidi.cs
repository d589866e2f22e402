using System.Buffers.Binary;

namespace NeuralSynth.Engine.Midi;

/// <summary>
/// A Standard MIDI File whose track chunk claims more bytes than the file holds (a cut-off download or copy).
/// Like WAV, the professional answer is to play what is there and say so: the whole events of the cut track are
/// kept (ended with an End of Track), the tracks the file no longer holds are dropped, and one warning names
/// what was claimed and what was read. A cut track with not one whole event is an error: nothing was read.
/// </summary>
public static class TruncatedMidi
{
    private static readonly byte[] EndOfTrack = [0x00, 0xFF, 0x2F, 0x00];

    /// <summary>
    /// The file as NAudio can read it: <paramref name="bytes"/> itself when no chunk runs past the end (or it is
    /// not an SMF at all — the parser reports that), else a copy cut at the last whole event.
    /// </summary>
    public static byte[] Repair(byte[] bytes, string name)
    {
        if (bytes.Length < 14 || bytes[0] != 'M' || bytes[1] != 'T' || bytes[2] != 'h' || bytes[3] != 'd') return bytes;
        long position = 8 + (long)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4));
        int declaredTracks = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(10));
        int tracks = 0;
        while (position + 8 <= bytes.Length)
        {
            bool isTrack = bytes.AsSpan((int)position, 4).SequenceEqual("MTrk"u8);
            long claimed = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan((int)position + 4));
            long body = position + 8, held = bytes.Length - body;
            if (claimed <= held)
            {
                position = body + claimed;
                if (isTrack) tracks++;
                continue;
            }
            if (!isTrack) return bytes; // an unknown chunk cut short: let the parser decide
            var (kept, events, ended) = WholeEvents(bytes.AsSpan((int)body));
            string where = $"track {tracks + 1} of {declaredTracks} claims {claimed} bytes but the file holds {held}";
            if (events == 0) throw new InvalidInputException($"{name}: corrupt or truncated MIDI file ({where}: not one whole event)");
            InputWarnings.Report($"{name}: truncated MIDI file: {where}; read its first {events} events ({kept} bytes)" +
                (declaredTracks > tracks + 1 ? $", tracks {tracks + 2}..{declaredTracks} are missing" : ""));
            return Rebuild(bytes, (int)position, kept, ended, tracks + 1);
        }
        return bytes;
    }

    private static byte[] Rebuild(byte[] bytes, int trackStart, int kept, bool ended, int tracks)
    {
        int length = kept + (ended ? 0 : EndOfTrack.Length);
        var repaired = new byte[trackStart + 8 + length];
        bytes.AsSpan(0, trackStart + 8 + kept).CopyTo(repaired);
        if (!ended) EndOfTrack.CopyTo(repaired.AsSpan(trackStart + 8 + kept));
        BinaryPrimitives.WriteUInt32BigEndian(repaired.AsSpan(trackStart + 4), (uint)length);
        BinaryPrimitives.WriteUInt16BigEndian(repaired.AsSpan(10), (ushort)tracks);
        return repaired;
    }

    /// <summary>Bytes and count of the whole events at the start of a track's data, and whether the last is End of Track.</summary>
    internal static (int Bytes, int Events, bool Ended) WholeEvents(ReadOnlySpan<byte> data)
    {
        int position = 0, wholeEnd = 0, events = 0;
        byte running = 0;
        while (TryReadVariable(data, ref position, out _) && position < data.Length)
        {
            byte status = data[position];
            if (status >= 0x80) position++;
            else if (running != 0) status = running; // running status: the data byte is not consumed here
            else break;
            bool endOfTrack = false;
            if (status == 0xFF)
            {
                if (position >= data.Length) break;
                endOfTrack = data[position++] == 0x2F;
                if (!TryReadVariable(data, ref position, out long length) || length > data.Length - position) break;
                position += (int)length;
            }
            else if (status is 0xF0 or 0xF7)
            {
                if (!TryReadVariable(data, ref position, out long length) || length > data.Length - position) break;
                position += (int)length;
            }
            else if (status > 0xF0) break; // not valid in a file: what follows cannot be trusted
            else
            {
                running = status;
                int dataBytes = (status & 0xF0) is 0xC0 or 0xD0 ? 1 : 2;
                if (dataBytes > data.Length - position) break;
                position += dataBytes;
            }
            wholeEnd = position;
            events++;
            if (endOfTrack) return (wholeEnd, events, true);
        }
        return (wholeEnd, events, false);
    }

    private static bool TryReadVariable(ReadOnlySpan<byte> data, ref int position, out long value)
    {
        value = 0;
        for (int i = 0; i < 4; i++)
        {
            if (position >= data.Length) return false;
            byte b = data[position++];
            value = (value << 7) | (uint)(b & 0x7F);
            if ((b & 0x80) == 0) return true;
        }
        return false;
    }
}
