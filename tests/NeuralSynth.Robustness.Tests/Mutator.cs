namespace NeuralSynth.Robustness.Tests;

/// <summary>Applies a list of random integers as byte-level mutations, the classic dumb-fuzzer repertoire.</summary>
internal static class Mutator
{
    private static readonly byte[] Interesting = { 0x00, 0x01, 0x7F, 0x80, 0xFF, (byte)'[', (byte)'{', (byte)'"', (byte)'-', (byte)'9', (byte)'e' };

    public static byte[] Apply(byte[] seed, int[] operations)
    {
        var data = new List<byte>(seed);
        foreach (int op in operations)
        {
            uint r = (uint)op;
            int position = data.Count == 0 ? 0 : (int)((r >> 4) % (uint)data.Count);
            switch (r & 7)
            {
                case 0 when data.Count > 0: data[position] ^= (byte)(1 << (int)((r >> 28) & 7)); break;
                case 1 when data.Count > 0: data[position] = Interesting[(r >> 24) % (uint)Interesting.Length]; break;
                case 2: data.RemoveRange(position, data.Count - position); break; // truncate
                case 3 when data.Count > 0: data.RemoveRange(position, Math.Min(data.Count - position, 1 + (int)((r >> 24) & 31))); break;
                case 4: data.InsertRange(position, data.GetRange(position, Math.Min(data.Count - position, 1 + (int)((r >> 24) & 63)))); break;
                case 5 when data.Count >= 4: // overwrite 4 bytes with a huge little/big-endian length
                    int at = Math.Min(position, data.Count - 4);
                    for (int i = 0; i < 4; i++) data[at + i] = (byte)((r & 8) != 0 ? 0xFF : 0x7F - i);
                    break;
                case 6: data.Insert(position, Interesting[(r >> 24) % (uint)Interesting.Length]); break;
                default: if (data.Count > 0) data[position] = (byte)(r >> 24); break;
            }
        }
        return data.ToArray();
    }
}
