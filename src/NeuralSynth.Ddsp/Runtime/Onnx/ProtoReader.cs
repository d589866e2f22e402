using System.Buffers.Binary;
using NeuralSynth.Engine;

namespace NeuralSynth.Ddsp.Runtime.Onnx;

/// <summary>
/// A bounded protocol-buffers wire reader over one message's bytes: fields are read in order, lengths are
/// checked against what is left before anything is sliced, and every problem is one line naming the file
/// and the field being read (model files are untrusted input).
/// </summary>
internal ref struct ProtoReader
{
    public const int Varint = 0, Fixed64 = 1, LengthDelimited = 2, Fixed32 = 5;

    private readonly ReadOnlySpan<byte> _bytes;
    private readonly string _file;
    private readonly string _at;
    private int _position;

    public ProtoReader(ReadOnlySpan<byte> bytes, string file, string at)
    {
        _bytes = bytes;
        _file = file;
        _at = at;
        _position = 0;
    }

    public readonly bool AtEnd => _position >= _bytes.Length;

    /// <summary>The next field's number and wire type.</summary>
    public (int Field, int WireType) ReadTag()
    {
        ulong tag = ReadVarint();
        int field = (int)(tag >> 3), wire = (int)(tag & 7);
        if (field == 0 || tag >> 3 > int.MaxValue) throw Error($"invalid field number {tag >> 3}");
        return (field, wire);
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _bytes.Length) throw Error("truncated varint");
            byte b = _bytes[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw Error("varint longer than 10 bytes");
    }

    public long ReadInt64() => (long)ReadVarint();

    public float ReadFixed32Float()
    {
        if (_bytes.Length - _position < 4) throw Error("truncated fixed32");
        float value = BinaryPrimitives.ReadSingleLittleEndian(_bytes.Slice(_position, 4));
        _position += 4;
        return value;
    }

    /// <summary>The payload of a length-delimited field, at most <paramref name="maxBytes"/> long.</summary>
    public ReadOnlySpan<byte> ReadBytes(long maxBytes, string field)
    {
        ulong length = ReadVarint();
        if (length > (ulong)(_bytes.Length - _position)) throw Error($"{field}: length {length} runs past the end of its message");
        if (length > (ulong)maxBytes) throw Error($"{field}: {length} bytes is more than the {maxBytes} allowed");
        var payload = _bytes.Slice(_position, (int)length);
        _position += (int)length;
        return payload;
    }

    public string ReadString(string field) => System.Text.Encoding.UTF8.GetString(ReadBytes(OnnxLimits.MaxNameBytes, field));

    /// <summary>Skips a field this reader does not need. Groups (wire types 3, 4) are refused: ONNX has none.</summary>
    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case Varint: ReadVarint(); break;
            case Fixed64: Advance(8); break;
            case Fixed32: Advance(4); break;
            case LengthDelimited: ReadBytes(int.MaxValue, "field"); break;
            default: throw Error($"unsupported wire type {wireType}");
        }
    }

    /// <summary>Refuses a field whose wire type is not the one ONNX declares for it.</summary>
    public readonly void Expect(int wireType, int expected, string field)
    {
        if (wireType != expected) throw Error($"{field}: wire type {wireType}, expected {expected}");
    }

    private void Advance(int count)
    {
        if (_bytes.Length - _position < count) throw Error("truncated field");
        _position += count;
    }

    public readonly InvalidInputException Error(string problem) => OnnxLimits.Error(_file, _at, problem);
}
