using System.Text;

namespace NeuralSynth.Robustness.Tests;

/// <summary>Hand-encodes the few protobuf fields of an ONNX model needed to carry an external-data reference.</summary>
internal static class OnnxBuilder
{
    public static byte[] ModelWithExternalInitializer(string location)
    {
        byte[] entry = Concat(Field(1, Encoding.UTF8.GetBytes("location")), Field(2, Encoding.UTF8.GetBytes(location)));
        byte[] tensor = Concat(Field(8, Encoding.UTF8.GetBytes("w")), Field(13, entry), new byte[] { 14 << 3, 1 }); // name, external_data, data_location=EXTERNAL
        byte[] graph = Concat(Field(2, Encoding.UTF8.GetBytes("g")), Field(5, tensor));
        byte[] model = Concat(new byte[] { 1 << 3, 8 }, Field(7, graph)); // ir_version = 8, graph
        return model;
    }

    private static byte[] Field(int number, byte[] payload) => Concat(Varint((ulong)(number << 3 | 2)), Varint((ulong)payload.Length), payload);

    private static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            if (value != 0) b |= 0x80;
            bytes.Add(b);
        } while (value != 0);
        return bytes.ToArray();
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
