using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace NeuralSynth.Ddsp.Runtime.Onnx;

/// <summary>
/// Reads ModelProto.graph (field 7) from an .onnx file: its float initializers (TensorProto: dims, data_type,
/// float_data or raw_data, name) and its nodes (inputs, outputs, name, op_type, int/float attributes).
/// Everything else is skipped. Field numbers are those of onnx/onnx.proto, which ONNX keeps stable.
/// </summary>
internal static class OnnxGraphReader
{
    private const int TensorFloat = 1;          // TensorProto.DataType.FLOAT
    private const int DataLocationExternal = 1; // TensorProto.DataLocation.EXTERNAL

    public static OnnxGraph Read(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw OnnxLimits.Error(path, "(file)", "not found");
        if (info.Length > OnnxLimits.MaxFileBytes) throw OnnxLimits.Error(path, "(file)", $"{info.Length} bytes is larger than the {OnnxLimits.MaxFileBytes >> 20} MiB allowed");
        return Parse(File.ReadAllBytes(path), path);
    }

    public static OnnxGraph Parse(ReadOnlySpan<byte> bytes, string path)
    {
        var model = new ProtoReader(bytes, path, "ModelProto");
        OnnxGraph? graph = null;
        while (!model.AtEnd)
        {
            var (field, wire) = model.ReadTag();
            if (field != 7) { model.Skip(wire); continue; }
            model.Expect(wire, ProtoReader.LengthDelimited, "graph");
            if (graph != null) throw model.Error("graph appears twice");
            graph = ReadGraph(model.ReadBytes(OnnxLimits.MaxFileBytes, "graph"), path);
        }
        return graph ?? throw OnnxLimits.Error(path, "ModelProto.graph", "missing");
    }

    private static OnnxGraph ReadGraph(ReadOnlySpan<byte> bytes, string path)
    {
        var reader = new ProtoReader(bytes, path, "graph");
        var initializers = new Dictionary<string, OnnxTensor>(StringComparer.Ordinal);
        var nodes = new List<OnnxNode>();
        int tensorsSeen = 0;
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1:
                    reader.Expect(wire, ProtoReader.LengthDelimited, "node");
                    if (nodes.Count >= OnnxLimits.MaxNodes) throw reader.Error($"node: more than {OnnxLimits.MaxNodes} nodes");
                    nodes.Add(ReadNode(reader.ReadBytes(OnnxLimits.MaxFileBytes, "node"), path, nodes.Count));
                    break;
                case 5:
                    reader.Expect(wire, ProtoReader.LengthDelimited, "initializer");
                    if (++tensorsSeen > OnnxLimits.MaxInitializers) throw reader.Error($"initializer: more than {OnnxLimits.MaxInitializers} tensors");
                    var tensor = ReadTensor(reader.ReadBytes(OnnxLimits.MaxFileBytes, "initializer"), path, $"graph.initializer[{tensorsSeen - 1}]");
                    if (tensor == null) break; // not float: no decoder layer reads it
                    if (!initializers.TryAdd(tensor.Name, tensor)) throw reader.Error($"initializer '{tensor.Name}' appears twice");
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }
        return new OnnxGraph(path, initializers, nodes);
    }

    private static OnnxNode ReadNode(ReadOnlySpan<byte> bytes, string path, int index)
    {
        string at = $"graph.node[{index}]";
        var reader = new ProtoReader(bytes, path, at);
        var inputs = new List<string>();
        var outputs = new List<string>();
        var attributes = new Dictionary<string, double>(StringComparer.Ordinal);
        string name = "", opType = "";
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1 or 2:
                    reader.Expect(wire, ProtoReader.LengthDelimited, field == 1 ? "input" : "output");
                    var list = field == 1 ? inputs : outputs;
                    if (list.Count >= OnnxLimits.MaxNodeInputs) throw reader.Error($"more than {OnnxLimits.MaxNodeInputs} {(field == 1 ? "inputs" : "outputs")}");
                    list.Add(reader.ReadString(field == 1 ? "input" : "output"));
                    break;
                case 3:
                    reader.Expect(wire, ProtoReader.LengthDelimited, "name");
                    name = reader.ReadString("name");
                    break;
                case 4:
                    reader.Expect(wire, ProtoReader.LengthDelimited, "op_type");
                    opType = reader.ReadString("op_type");
                    break;
                case 5:
                    reader.Expect(wire, ProtoReader.LengthDelimited, "attribute");
                    if (attributes.Count >= OnnxLimits.MaxAttributes) throw reader.Error($"more than {OnnxLimits.MaxAttributes} attributes");
                    var (key, value) = ReadAttribute(reader.ReadBytes(OnnxLimits.MaxFileBytes, "attribute"), path, $"{at}.attribute");
                    attributes[key] = value;
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }
        return new OnnxNode(name, opType, inputs.ToArray(), outputs.ToArray(), attributes);
    }

    /// <summary>AttributeProto: name (1), f (2), i (3); any other kind reads as NaN.</summary>
    private static (string Name, double Value) ReadAttribute(ReadOnlySpan<byte> bytes, string path, string at)
    {
        var reader = new ProtoReader(bytes, path, at);
        string name = "";
        double value = double.NaN;
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 1 && wire == ProtoReader.LengthDelimited) name = reader.ReadString("name");
            else if (field == 2 && wire == ProtoReader.Fixed32) value = reader.ReadFixed32Float();
            else if (field == 3 && wire == ProtoReader.Varint) value = reader.ReadInt64();
            else reader.Skip(wire);
        }
        return (name, value);
    }

    /// <summary>TensorProto; null for a non-float tensor. External data is refused: shipped decoders embed their weights.</summary>
    private static OnnxTensor? ReadTensor(ReadOnlySpan<byte> bytes, string path, string at)
    {
        var reader = new ProtoReader(bytes, path, at);
        var dims = new List<long>();
        int dataType = 0;
        string name = "";
        ReadOnlySpan<byte> raw = default;
        bool hasRaw = false;
        var floats = new List<float>();
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1 when wire == ProtoReader.Varint:
                    AddDim(dims, reader.ReadInt64(), reader);
                    break;
                case 1 when wire == ProtoReader.LengthDelimited:
                    var packed = new ProtoReader(reader.ReadBytes(OnnxLimits.MaxNameBytes, "dims"), path, at + ".dims");
                    while (!packed.AtEnd) AddDim(dims, packed.ReadInt64(), reader);
                    break;
                case 2:
                    reader.Expect(wire, ProtoReader.Varint, "data_type");
                    dataType = (int)reader.ReadInt64();
                    break;
                case 4 when wire == ProtoReader.LengthDelimited:
                    var block = reader.ReadBytes(OnnxLimits.MaxElements * 4, "float_data");
                    if (block.Length % 4 != 0 || floats.Count + block.Length / 4 > OnnxLimits.MaxElements) throw reader.Error("float_data: bad length");
                    for (int i = 0; i < block.Length; i += 4) floats.Add(BinaryPrimitives.ReadSingleLittleEndian(block.Slice(i, 4)));
                    break;
                case 4 when wire == ProtoReader.Fixed32:
                    if (floats.Count >= OnnxLimits.MaxElements) throw reader.Error("float_data: too many values");
                    floats.Add(reader.ReadFixed32Float());
                    break;
                case 8:
                    reader.Expect(wire, ProtoReader.LengthDelimited, "name");
                    name = reader.ReadString("name");
                    break;
                case 9:
                    reader.Expect(wire, ProtoReader.LengthDelimited, "raw_data");
                    raw = reader.ReadBytes(OnnxLimits.MaxElements * 4, "raw_data");
                    hasRaw = true;
                    break;
                case 13:
                    throw reader.Error("external_data: weights stored outside the model file are not supported");
                case 14:
                    reader.Expect(wire, ProtoReader.Varint, "data_location");
                    if (reader.ReadInt64() == DataLocationExternal) throw reader.Error("data_location: EXTERNAL is not supported");
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }
        if (dataType != TensorFloat) return null;
        string where = name.Length > 0 ? $"{at} ('{name}')" : at;
        long count = 1;
        foreach (long d in dims) count *= d; // each d ≤ MaxElements and at most MaxDims of them: checked in AddDim
        if (count > OnnxLimits.MaxElements) throw OnnxLimits.Error(path, where, $"{count} elements is more than the {OnnxLimits.MaxElements} allowed");
        float[] data;
        if (hasRaw)
        {
            if (floats.Count > 0) throw OnnxLimits.Error(path, where, "has both raw_data and float_data");
            if (raw.Length != count * 4) throw OnnxLimits.Error(path, where + ".raw_data", $"{raw.Length} bytes for {count} floats");
            data = new float[count];
            raw.CopyTo(MemoryMarshal.AsBytes(data.AsSpan()));
            if (!BitConverter.IsLittleEndian)
                for (int i = 0; i < data.Length; i++) data[i] = BinaryPrimitives.ReadSingleLittleEndian(raw.Slice(4 * i, 4));
        }
        else
        {
            if (floats.Count != count) throw OnnxLimits.Error(path, where + ".float_data", $"{floats.Count} values for {count} elements");
            data = floats.ToArray();
        }
        return new OnnxTensor(name, dims.ToArray(), data);
    }

    private static void AddDim(List<long> dims, long dim, ProtoReader reader)
    {
        if (dims.Count >= OnnxLimits.MaxDims) throw reader.Error($"dims: more than {OnnxLimits.MaxDims} dimensions");
        if (dim < 0 || dim > OnnxLimits.MaxElements) throw reader.Error($"dims: {dim} is outside 0..{OnnxLimits.MaxElements}");
        dims.Add(dim);
    }
}
