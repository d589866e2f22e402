using System.Buffers.Binary;
using System.Text;
using NeuralSynth.Product.Models;

namespace NeuralSynth.Vst3.Plugin;

/// <summary>
/// The state chunk hosts save in projects. Layout, little-endian:
/// <code>
/// "NSST" | u16 version | u8 kind | u8 reserved(0) | u32 payload length
/// payload: u16 count, count × (u8 key length, key UTF-8, f32 plain value),
///          version 1: u16 model length, model UTF-8 (the effect's model)
///          version 2: u8 models, models × (u8 key length, key UTF-8, u16 reference length, reference UTF-8,
///                     u8 hash length, SHA-256 as hex)
/// u32 CRC-32 of everything before it
/// </code>
/// Values are stored by key, not by index, so parameters can be added without breaking old sessions. The Program
/// (the factory preset last chosen) is also named in the model list, by its preset file: a value alone is a
/// position in the program list, which moves when presets are added. Models are
/// stored by reference (path relative to their model folder) and hash: a model that is missing on restore
/// falls back to none and one that changed is loaded; both are reported, and the rest of the state applies.
/// Anything that does not validate (magic, version, kind, length, CRC, duplicate or non-finite values, bad
/// model reference) is refused as a whole so a corrupt chunk never half-applies.
/// </summary>
internal static class StateChunk
{
    public const int Version = 2;
    public const int HeaderSize = 12;
    public const int MaxPayload = 64 * 1024;
    private static ReadOnlySpan<byte> Magic => "NSST"u8;

    public static byte[] Write(PluginDefinition definition, PluginState state)
    {
        var payload = new MemoryStream();
        var persistent = definition.Parameters.Select((p, i) => (p, i)).Where(x => x.p.IsPersistent).ToList();
        WriteU16(payload, persistent.Count);
        Span<byte> value = stackalloc byte[4];
        foreach (var (parameter, index) in persistent)
        {
            WriteKey(payload, parameter.Spec.Key);
            BinaryPrimitives.WriteSingleLittleEndian(value, state.Values[index]);
            payload.Write(value);
        }
        var models = WithProgram(definition, state).OrderBy(m => m.Key, StringComparer.Ordinal).ToList();
        payload.WriteByte((byte)models.Count);
        foreach (var (key, model) in models)
        {
            WriteKey(payload, key);
            byte[] reference = Encoding.UTF8.GetBytes(model.Reference);
            WriteU16(payload, reference.Length);
            payload.Write(reference);
            byte[] hash = Encoding.ASCII.GetBytes(model.Sha256);
            payload.WriteByte((byte)hash.Length);
            payload.Write(hash);
        }

        var chunk = new byte[HeaderSize + payload.Length + 4];
        Magic.CopyTo(chunk);
        BinaryPrimitives.WriteUInt16LittleEndian(chunk.AsSpan(4), Version);
        chunk[6] = (byte)definition.Kind;
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(8), (uint)payload.Length);
        payload.GetBuffer().AsSpan(0, (int)payload.Length).CopyTo(chunk.AsSpan(HeaderSize));
        uint crc = Crc32.Compute(chunk.AsSpan(0, chunk.Length - 4));
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(chunk.Length - 4), crc);
        return chunk;
    }

    /// <summary>Validates a header; on success gives the number of bytes (payload and CRC) that follow it.</summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> header, PluginDefinition definition, out int remaining, out string? problem)
    {
        remaining = 0;
        problem = null;
        if (header.Length < HeaderSize || !header[..4].SequenceEqual(Magic)) return Fail("not a NeuralSynth state chunk", out problem);
        int version = BinaryPrimitives.ReadUInt16LittleEndian(header[4..]);
        if (version > Version) return Fail($"state version {version} is newer than this plug-in reads ({Version})", out problem);
        if (version < 1) return Fail($"state version {version} is not valid", out problem);
        if (header[6] != (byte)definition.Kind || header[7] != 0) return Fail("state belongs to the other NeuralSynth plug-in", out problem);
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
        if (length > MaxPayload) return Fail($"state payload of {length} bytes exceeds {MaxPayload}", out problem);
        remaining = (int)length + 4;
        return true;
    }

    /// <summary>Parses a whole chunk (header, payload, CRC). Values not in the chunk keep <paramref name="baseline"/>'s.</summary>
    public static bool TryParse(ReadOnlySpan<byte> chunk, PluginDefinition definition, PluginState baseline, out PluginState? state, out string? problem)
    {
        state = null;
        if (!TryReadHeader(chunk, definition, out int remaining, out problem)) return false;
        if (chunk.Length != HeaderSize + remaining) return Fail("state chunk length does not match its header", out problem);
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(chunk[^4..]);
        if (Crc32.Compute(chunk[..^4]) != stored) return Fail("state chunk checksum mismatch", out problem);
        int version = BinaryPrimitives.ReadUInt16LittleEndian(chunk[4..]);

        var reader = new SpanReader(chunk[HeaderSize..^4]);
        var values = (float[])baseline.Values.Clone();
        var seen = new HashSet<int>();
        if (!reader.TryU16(out int count)) return Fail("truncated parameter count", out problem);
        for (int i = 0; i < count; i++)
        {
            if (!reader.TryU8(out int keyLength) || !reader.TryBytes(keyLength, out var keyBytes) || !reader.TryF32(out float value))
                return Fail("truncated parameter entry", out problem);
            string key = Encoding.UTF8.GetString(keyBytes);
            int index = definition.IndexOf(key);
            // Keys this version does not know (a parameter retired since) are skipped, not fatal.
            if (index < 0) continue;
            var parameter = definition.Parameters[index];
            if (!parameter.IsPersistent) return Fail($"parameter {key} is not part of the state", out problem);
            if (!seen.Add(index)) return Fail($"parameter {key} appears twice", out problem);
            if (!float.IsFinite(value)) return Fail($"parameter {key} is not a finite number", out problem);
            values[index] = parameter.Spec.Clamp(value);
        }

        var saved = new Dictionary<string, SavedModel>(StringComparer.Ordinal);
        if (version == 1)
        {
            if (!reader.TryU16(out int modelLength) || !reader.TryBytes(modelLength, out var modelBytes))
                return Fail("truncated model reference", out problem);
            saved["fx.model"] = new SavedModel(Encoding.UTF8.GetString(modelBytes), "");
        }
        else
        {
            if (!reader.TryU8(out int models)) return Fail("truncated model count", out problem);
            for (int i = 0; i < models; i++)
            {
                if (!reader.TryU8(out int keyLength) || !reader.TryBytes(keyLength, out var keyBytes) ||
                    !reader.TryU16(out int referenceLength) || !reader.TryBytes(referenceLength, out var referenceBytes) ||
                    !reader.TryU8(out int hashLength) || !reader.TryBytes(hashLength, out var hashBytes))
                    return Fail("truncated model entry", out problem);
                string key = Encoding.UTF8.GetString(keyBytes);
                if (!saved.TryAdd(key, new SavedModel(Encoding.UTF8.GetString(referenceBytes), Encoding.ASCII.GetString(hashBytes))))
                    return Fail($"model {key} appears twice", out problem);
            }
        }
        if (!reader.AtEnd) return Fail("unexpected bytes after the model references", out problem);

        var problems = new List<string>();
        ModelEntry? diskModel = null;
        foreach (var (key, model) in saved)
        {
            if (!IsSafeModelReference(model.Reference)) return Fail($"model reference '{model.Reference}' is not a path inside a model folder", out problem);
            if (model.Sha256.Length is not (0 or 64) || !model.Sha256.All(char.IsAsciiHexDigitLower))
                return Fail($"model {key}: hash is not a SHA-256", out problem);
            int index = definition.IndexOf(key);
            if (index >= 0 && definition.Parameters[index].Role == ParameterRole.Program)
            {
                // The preset file wins over the number; a preset no longer shipped keeps the number.
                int program = ProgramNamed(definition, model.Reference);
                if (program >= 0) values[index] = program;
                continue;
            }
            if (index < 0 || definition.Parameters[index].Role != ParameterRole.Model) continue; // the other plug-in's, or retired
            var parameter = definition.Parameters[index];
            int found = definition.ValueOf(parameter, model.Reference);
            ModelEntry? entry = found >= 0 ? definition.EntryOf(parameter, found, null) : null;
            if (found < 0 && parameter.Id == ParameterIds.Model && definition.FindAddedEffectModel(model.Reference) is { } added)
            {
                // Added from disk after this process scanned the model folders: it plays as this instance's model from disk.
                (found, entry, diskModel) = (definition.DiskModelValue, added, added);
            }
            if (found < 0)
            {
                // A missing model falls back to none rather than refusing the whole session.
                problems.Add($"{parameter.Spec.Name}: model '{model.Reference}' was not found in any model folder (deleted, moved or renamed?); using {parameter.Spec.Format(0)}");
                values[index] = 0;
                continue;
            }
            values[index] = found;
            if (entry != null && model.Sha256.Length > 0 && TryHash(entry) is { } now && now != model.Sha256)
                problems.Add($"{parameter.Spec.Name}: model '{model.Reference}' changed since the session was saved");
        }
        state = new PluginState(values, saved, problems, diskModel);
        return true;
    }

    /// <summary>The state's models plus the chosen program's preset file under the Program parameter's key.</summary>
    private static IEnumerable<KeyValuePair<string, SavedModel>> WithProgram(PluginDefinition definition, PluginState state)
    {
        int index = definition.ProgramParameterIndex;
        if (index < 0 || state.Models.ContainsKey(definition.Parameters[index].Spec.Key)) return state.Models;
        int number = (int)state.Values[index];
        if ((uint)number >= (uint)definition.Programs.Count) return state.Models;
        var program = new SavedModel(Path.GetFileName(definition.Programs[number].Path), "");
        return state.Models.Append(new(definition.Parameters[index].Spec.Key, program));
    }

    private static int ProgramNamed(PluginDefinition definition, string presetFile)
    {
        for (int i = 0; i < definition.Programs.Count; i++)
            if (Path.GetFileName(definition.Programs[i].Path) == presetFile) return i;
        return -1;
    }

    private static string? TryHash(ModelEntry entry)
    {
        try { return entry.Sha256; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Engine.InvalidInputException) { return null; }
    }

    private static void WriteKey(Stream stream, string key)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(key);
        if (bytes.Length > byte.MaxValue) throw new InvalidOperationException("state key too long");
        stream.WriteByte((byte)bytes.Length);
        stream.Write(bytes);
    }

    private static bool IsSafeModelReference(string model)
    {
        if (model.Length == 0) return true;
        if (model.Length > 260 || model.Contains('\\') || model.Contains(':') || model.StartsWith('/')) return false;
        foreach (var part in model.Split('/')) if (part is "" or "." or "..") return false;
        return true;
    }

    private static void WriteU16(Stream stream, int value)
    {
        if (value > ushort.MaxValue) throw new InvalidOperationException("state field too long");
        stream.WriteByte((byte)value);
        stream.WriteByte((byte)(value >> 8));
    }

    private static bool Fail(string message, out string? problem)
    {
        problem = message;
        return false;
    }

    private ref struct SpanReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _position;

        public readonly bool AtEnd => _position == _data.Length;

        public bool TryU8(out int value)
        {
            value = 0;
            if (_position + 1 > _data.Length) return false;
            value = _data[_position++];
            return true;
        }

        public bool TryU16(out int value)
        {
            value = 0;
            if (_position + 2 > _data.Length) return false;
            value = BinaryPrimitives.ReadUInt16LittleEndian(_data[_position..]);
            _position += 2;
            return true;
        }

        public bool TryF32(out float value)
        {
            value = 0;
            if (_position + 4 > _data.Length) return false;
            value = BinaryPrimitives.ReadSingleLittleEndian(_data[_position..]);
            _position += 4;
            return true;
        }

        public bool TryBytes(int count, out ReadOnlySpan<byte> bytes)
        {
            bytes = default;
            if (count < 0 || _position + count > _data.Length) return false;
            bytes = _data.Slice(_position, count);
            _position += count;
            return true;
        }
    }
}
