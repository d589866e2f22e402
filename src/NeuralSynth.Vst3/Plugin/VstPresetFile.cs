using System.Buffers.Binary;
using System.Security;
using System.Text;

namespace NeuralSynth.Vst3.Plugin;

/// <summary>One entry of a .vstpreset chunk list: a four-character id and where its data lies in the file.</summary>
internal readonly record struct VstPresetEntry(string Id, long Offset, long Size);

/// <summary>A parsed .vstpreset file: its header fields, its chunk list, and the file's bytes.</summary>
internal sealed class VstPreset(int version, string classId, long listOffset, IReadOnlyList<VstPresetEntry> entries, byte[] bytes)
{
    public int Version { get; } = version;

    /// <summary>The processor class id as the file spells it: 32 hex digits in the SDK's string order.</summary>
    public string ClassId { get; } = classId;

    public long ListOffset { get; } = listOffset;
    public IReadOnlyList<VstPresetEntry> Entries { get; } = entries;

    /// <summary>The data of the first chunk with this id, or null when the file has none.</summary>
    public byte[]? Chunk(string id)
    {
        foreach (var entry in Entries)
            if (entry.Id == id) return bytes.AsSpan((int)entry.Offset, (int)entry.Size).ToArray();
        return null;
    }
}

/// <summary>
/// The Steinberg preset file (.vstpreset), as the VST3 SDK lays it out (public.sdk/source/vst/vstpresetfile),
/// all integers little-endian:
/// <code>
/// 0   "VST3" | i32 format version (1) | 32 ASCII hex digits: the processor class id | i64 offset of the chunk list
/// 48  chunk data, one after another: "Comp" (the component state), "Cont" (the controller state), "Info" (XML)
/// L   "List" | i32 entry count | count × ("id" 4 bytes, i64 offset, i64 size)
/// </code>
/// Hosts that browse preset files (rather than the program list) load the "Comp" chunk into the component with
/// setState and into the controller with setComponentState, then "Cont" (if any) with the controller's setState.
/// Our "Comp" chunk is exactly the <see cref="StateChunk"/> a host saves in a project; the controller keeps no
/// state of its own, so "Cont" is empty.
/// </summary>
internal static class VstPresetFile
{
    public const string Extension = ".vstpreset";
    public const int FormatVersion = 1;
    public const int ClassIdSize = 32;
    /// <summary>"VST3" + version + class id + list offset.</summary>
    public const int HeaderSize = 4 + 4 + ClassIdSize + 8;
    /// <summary>Where the header keeps the chunk list's offset.</summary>
    public const int ListOffsetPosition = HeaderSize - 8;
    /// <summary>"List" + entry count.</summary>
    public const int ListHeaderSize = 4 + 4;
    /// <summary>id + offset + size.</summary>
    public const int ListEntrySize = 4 + 8 + 8;
    /// <summary>The SDK reads at most this many entries.</summary>
    public const int MaxEntries = 128;

    public const string HeaderId = "VST3";
    public const string ComponentStateId = "Comp";
    public const string ControllerStateId = "Cont";
    public const string ProgramDataId = "Prog";
    public const string MetaInfoId = "Info";
    public const string ChunkListId = "List";

    /// <summary>The processor class of a plug-in kind, as the factory lists it.</summary>
    public static ClassEntry ProcessorClass(PluginKind kind) => ClassCatalog.Classes.First(c => c.Kind == kind && !c.IsController);

    /// <summary>A whole preset file: the header, then the chunks in the given order, then the chunk list.</summary>
    public static byte[] Write(string classId, IReadOnlyList<(string Id, byte[] Data)> chunks)
    {
        if (classId.Length != ClassIdSize || !classId.All(char.IsAsciiHexDigit))
            throw new ArgumentException($"a class id is {ClassIdSize} hex digits", nameof(classId));
        if (chunks.Count > MaxEntries) throw new ArgumentException($"at most {MaxEntries} chunks", nameof(chunks));
        long dataSize = chunks.Sum(c => (long)c.Data.Length);
        long listOffset = HeaderSize + dataSize;
        var file = new byte[checked(listOffset + ListHeaderSize + (long)ListEntrySize * chunks.Count)];
        var span = file.AsSpan();

        WriteId(span, HeaderId);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], FormatVersion);
        Encoding.ASCII.GetBytes(classId, span.Slice(8, ClassIdSize));
        BinaryPrimitives.WriteInt64LittleEndian(span[ListOffsetPosition..], listOffset);

        int position = HeaderSize;
        int entry = (int)listOffset + ListHeaderSize;
        WriteId(span[(int)listOffset..], ChunkListId);
        BinaryPrimitives.WriteInt32LittleEndian(span[((int)listOffset + 4)..], chunks.Count);
        foreach (var (id, data) in chunks)
        {
            data.CopyTo(span[position..]);
            WriteId(span[entry..], id);
            BinaryPrimitives.WriteInt64LittleEndian(span[(entry + 4)..], position);
            BinaryPrimitives.WriteInt64LittleEndian(span[(entry + 12)..], data.Length);
            position += data.Length;
            entry += ListEntrySize;
        }
        return file;
    }

    /// <summary>The preset file of one factory program: its component state, an empty controller state, and its name.</summary>
    public static byte[] WriteProgram(PluginDefinition definition, FactoryProgram program)
    {
        var processor = ProcessorClass(definition.Kind);
        byte[] component = StateChunk.Write(definition, ProgramState(definition, program.Values));
        byte[] info = Encoding.UTF8.GetBytes(MetaInfo(program.Name, processor.Name, processor.SubCategories));
        return Write(ClassIds.ModuleInfoString(processor.Words),
            [(ComponentStateId, component), (ControllerStateId, []), (MetaInfoId, info)]);
    }

    /// <summary>
    /// The state a component holding these plain values saves: the values, plus a model reference (path in its
    /// model folder and SHA-256) for each model parameter, as <see cref="Component.CurrentState"/> builds it.
    /// </summary>
    public static PluginState ProgramState(PluginDefinition definition, float[] values) => PluginState.Of(definition, (float[])values.Clone(), [], diskModel: null);

    /// <summary>The "Info" chunk: the SDK's MetaInfo XML with the media type, the plug-in and the preset name.</summary>
    public static string MetaInfo(string presetName, string pluginName, string pluginCategory)
    {
        var xml = new StringBuilder();
        xml.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<MetaInfo>\n");
        Attribute(xml, "MediaType", "VstPreset");
        Attribute(xml, "PlugInName", pluginName);
        Attribute(xml, "PlugInCategory", pluginCategory);
        Attribute(xml, "Name", presetName);
        xml.Append("</MetaInfo>\n");
        return xml.ToString();

        static void Attribute(StringBuilder xml, string id, string value) =>
            xml.Append("\t<Attr id=\"").Append(id).Append("\" value=\"").Append(SecurityElement.Escape(value))
               .Append("\" type=\"string\" flags=\"writeProtected\"/>\n");
    }

    /// <summary>
    /// A file name for a preset that is valid on Windows, macOS and Linux: characters no file system takes become
    /// '_', trailing dots and spaces go ("Violin (DDSP)" → "Violin (DDSP).vstpreset").
    /// </summary>
    public static string FileName(string presetName)
    {
        var name = new StringBuilder(presetName.Length);
        foreach (char c in presetName) name.Append(c < 32 || "<>:\"/\\|?*".Contains(c) ? '_' : c);
        string result = name.ToString().Trim().TrimEnd('.', ' ');
        if (result.Length == 0 || result is "." or "..") result = "Preset";
        string stem = result.Split('.')[0].ToUpperInvariant();
        if (stem is "CON" or "PRN" or "AUX" or "NUL" || (stem.Length == 4 && (stem.StartsWith("COM") || stem.StartsWith("LPT")) && char.IsAsciiDigit(stem[3])))
            result = "_" + result;
        return result + Extension;
    }

    /// <summary>Writes one file per factory program into <paramref name="folder"/>; gives the paths in program order.</summary>
    public static IReadOnlyList<string> WriteAll(PluginDefinition definition, string folder)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var program in definition.Programs)
        {
            string name = FileName(program.Name);
            for (int n = 2; !used.Add(name); n++) name = FileName($"{program.Name} {n}");
            string path = Path.Combine(folder, name);
            File.WriteAllBytes(path, WriteProgram(definition, program));
            written.Add(path);
        }
        return written;
    }

    /// <summary>Parses a preset file: header, chunk list, and every entry inside the file's data area.</summary>
    public static bool TryRead(byte[] file, out VstPreset? preset, out string? problem)
    {
        preset = null;
        problem = null;
        var span = file.AsSpan();
        if (span.Length < HeaderSize || ReadId(span) != HeaderId) return Fail("not a VST3 preset file", out problem);
        int version = BinaryPrimitives.ReadInt32LittleEndian(span[4..]);
        string classId = Encoding.ASCII.GetString(span.Slice(8, ClassIdSize));
        if (!classId.All(char.IsAsciiHexDigit)) return Fail("the class id is not 32 hex digits", out problem);
        long listOffset = BinaryPrimitives.ReadInt64LittleEndian(span[ListOffsetPosition..]);
        if (listOffset < HeaderSize || listOffset > span.Length - ListHeaderSize) return Fail("the chunk list offset is outside the file", out problem);
        var list = span[(int)listOffset..];
        if (ReadId(list) != ChunkListId) return Fail("no chunk list at its offset", out problem);
        int count = BinaryPrimitives.ReadInt32LittleEndian(list[4..]);
        if (count < 1 || count > MaxEntries || (long)ListHeaderSize + (long)count * ListEntrySize > list.Length)
            return Fail($"chunk list of {count} entries does not fit the file", out problem);
        var entries = new List<VstPresetEntry>(count);
        for (int i = 0; i < count; i++)
        {
            var e = list[(ListHeaderSize + i * ListEntrySize)..];
            long offset = BinaryPrimitives.ReadInt64LittleEndian(e[4..]);
            long size = BinaryPrimitives.ReadInt64LittleEndian(e[12..]);
            if (offset < HeaderSize || size < 0 || offset + size > listOffset) return Fail($"chunk {i} lies outside the data area", out problem);
            entries.Add(new VstPresetEntry(ReadId(e), offset, size));
        }
        preset = new VstPreset(version, classId, listOffset, entries, file);
        return true;
    }

    private static void WriteId(Span<byte> target, string id)
    {
        if (id.Length != 4) throw new ArgumentException("a chunk id is four ASCII characters", nameof(id));
        Encoding.ASCII.GetBytes(id, target[..4]);
    }

    private static string ReadId(ReadOnlySpan<byte> source) => Encoding.ASCII.GetString(source[..4]);

    private static bool Fail(string message, out string? problem)
    {
        problem = message;
        return false;
    }
}
