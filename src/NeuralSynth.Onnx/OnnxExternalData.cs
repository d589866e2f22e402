using System.Text;

namespace NeuralSynth.Onnx;

/// <summary>
/// Finds every external-data file an ONNX model refers to, by walking the protobuf structure of
/// ModelProto → GraphProto → (initializers, sparse initializers, node attributes, subgraphs, functions)
/// → TensorProto.external_data. A minimal reader for exactly those fields; anything malformed is a FormatException.
/// </summary>
internal static class OnnxExternalData
{
    private const int MaxDepth = 64;

    public static IReadOnlyList<string> Locations(ReadOnlyMemory<byte> model)
    {
        var found = new List<string>();
        foreach (var (field, payload) in Fields(model))
        {
            if (field == 7) Graph(payload, found, 1);          // ModelProto.graph
            else if (field == 25) Function(payload, found, 1); // ModelProto.functions
        }
        return found;
    }

    private static void Graph(ReadOnlyMemory<byte> graph, List<string> found, int depth)
    {
        Guard(depth);
        foreach (var (field, payload) in Fields(graph))
        {
            switch (field)
            {
                case 1: Node(payload, found, depth + 1); break;          // node
                case 5: Tensor(payload, found, depth + 1); break;        // initializer
                case 15: SparseTensor(payload, found, depth + 1); break; // sparse_initializer
            }
        }
    }

    private static void Function(ReadOnlyMemory<byte> function, List<string> found, int depth)
    {
        Guard(depth);
        foreach (var (field, payload) in Fields(function))
            if (field == 7) Node(payload, found, depth + 1); // FunctionProto.node
    }

    private static void Node(ReadOnlyMemory<byte> node, List<string> found, int depth)
    {
        Guard(depth);
        foreach (var (field, payload) in Fields(node))
            if (field == 5) Attribute(payload, found, depth + 1); // NodeProto.attribute
    }

    private static void Attribute(ReadOnlyMemory<byte> attribute, List<string> found, int depth)
    {
        Guard(depth);
        foreach (var (field, payload) in Fields(attribute))
        {
            switch (field)
            {
                case 5 or 10: Tensor(payload, found, depth + 1); break;       // t, tensors
                case 6 or 11: Graph(payload, found, depth + 1); break;        // g, graphs
                case 22 or 23: SparseTensor(payload, found, depth + 1); break; // sparse_tensor(s)
            }
        }
    }

    private static void SparseTensor(ReadOnlyMemory<byte> sparse, List<string> found, int depth)
    {
        Guard(depth);
        foreach (var (field, payload) in Fields(sparse))
            if (field is 1 or 2) Tensor(payload, found, depth + 1); // values, indices
    }

    private static void Tensor(ReadOnlyMemory<byte> tensor, List<string> found, int depth)
    {
        Guard(depth);
        foreach (var (field, payload) in Fields(tensor))
        {
            if (field != 13) continue; // TensorProto.external_data: StringStringEntryProto
            string? key = null, value = null;
            foreach (var (entryField, entryPayload) in Fields(payload))
            {
                if (entryField == 1) key = Encoding.UTF8.GetString(entryPayload.Span);
                else if (entryField == 2) value = Encoding.UTF8.GetString(entryPayload.Span);
            }
            if (key == "location") found.Add(value ?? "");
        }
    }

    private static void Guard(int depth)
    {
        if (depth > MaxDepth) throw new FormatException("graph nesting is deeper than 64 levels");
    }

    /// <summary>Length-delimited fields (wire type 2) of one message; other wire types are skipped.</summary>
    /// <remarks>Payloads are slices of the input, never copies: a 500 MB model is walked without duplicating it.</remarks>
    private static List<(int Field, ReadOnlyMemory<byte> Payload)> Fields(ReadOnlyMemory<byte> memory)
    {
        var fields = new List<(int, ReadOnlyMemory<byte>)>();
        ReadOnlySpan<byte> message = memory.Span;
        int position = 0;
        while (position < message.Length)
        {
            ulong tag = Varint(message, ref position);
            int field = (int)(tag >> 3);
            int wireType = (int)(tag & 7);
            if (field <= 0) throw new FormatException("invalid field number");
            switch (wireType)
            {
                case 0: Varint(message, ref position); break;
                case 1: Skip(message, ref position, 8); break;
                case 5: Skip(message, ref position, 4); break;
                case 2:
                    ulong length = Varint(message, ref position);
                    if (length > (ulong)(message.Length - position)) throw new FormatException("a field runs past the end of the file");
                    fields.Add((field, memory.Slice(position, (int)length)));
                    position += (int)length;
                    break;
                default: throw new FormatException($"unsupported protobuf wire type {wireType}");
            }
        }
        return fields;
    }

    private static void Skip(ReadOnlySpan<byte> message, ref int position, int count)
    {
        if (message.Length - position < count) throw new FormatException("truncated field");
        position += count;
    }

    private static ulong Varint(ReadOnlySpan<byte> message, ref int position)
    {
        ulong result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (position >= message.Length) throw new FormatException("truncated varint");
            byte b = message[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw new FormatException("varint longer than 10 bytes");
    }
}
