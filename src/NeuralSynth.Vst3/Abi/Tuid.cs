using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace NeuralSynth.Vst3.Abi;

/// <summary>
/// A VST3 TUID: 16 bytes. The SDK writes its ids as four 32-bit words (INLINE_UID); on Windows the bytes are
/// laid out as a COM GUID (first word and the two halves of the second little-endian), elsewhere all four
/// words are stored big-endian. <see cref="FromWords"/> follows the platform so the bytes match the host's.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 16)]
internal readonly struct Tuid : IEquatable<Tuid>
{
    private readonly ulong _low;
    private readonly ulong _high;

    private Tuid(ulong low, ulong high)
    {
        _low = low;
        _high = high;
    }

    public static Tuid FromWords(uint l1, uint l2, uint l3, uint l4) => FromWords(l1, l2, l3, l4, OperatingSystem.IsWindows());

    public static Tuid FromWords(uint l1, uint l2, uint l3, uint l4, bool comLayout)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (comLayout)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, l1);
            BinaryPrimitives.WriteUInt16LittleEndian(bytes[4..], (ushort)(l2 >> 16));
            BinaryPrimitives.WriteUInt16LittleEndian(bytes[6..], (ushort)l2);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, l1);
            BinaryPrimitives.WriteUInt32BigEndian(bytes[4..], l2);
        }
        BinaryPrimitives.WriteUInt32BigEndian(bytes[8..], l3);
        BinaryPrimitives.WriteUInt32BigEndian(bytes[12..], l4);
        return FromBytes(bytes);
    }

    public static Tuid FromBytes(ReadOnlySpan<byte> bytes) =>
        new(BinaryPrimitives.ReadUInt64LittleEndian(bytes), BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]));

    public static unsafe Tuid Read(void* pointer) => FromBytes(new ReadOnlySpan<byte>(pointer, 16));

    public unsafe void Write(void* pointer) => CopyTo(new Span<byte>(pointer, 16));

    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, _low);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], _high);
    }

    public bool Equals(Tuid other) => _low == other._low && _high == other._high;
    public override bool Equals(object? obj) => obj is Tuid other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(_low, _high);
    public static bool operator ==(Tuid a, Tuid b) => a.Equals(b);
    public static bool operator !=(Tuid a, Tuid b) => !a.Equals(b);

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[16];
        CopyTo(bytes);
        return Convert.ToHexString(bytes);
    }
}
