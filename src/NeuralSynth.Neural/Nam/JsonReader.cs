using System.Text.Json;

namespace NeuralSynth.Neural.Nam;

/// <summary>
/// Typed access to fields of an untrusted JSON model with one-line errors that name the file and the field
/// path (e.g. <c>amp.nam: 'config.layers[1].kernel_size' must be an integer in 1..64</c>).
/// </summary>
internal readonly struct JsonReader
{
    public JsonReader(string file, JsonElement element, string path)
    {
        File = file;
        Element = element;
        Path = path;
    }

    public string File { get; }
    public JsonElement Element { get; }
    public string Path { get; }

    public ModelFormatException Error(string field, string problem) =>
        ModelFormatException.For(File, Join(field), problem);

    public ModelFormatException Error(string problem) => ModelFormatException.For(File, Path, problem);

    public string Join(string field) => Path.Length == 0 ? field : field.StartsWith('[') ? Path + field : Path + "." + field;

    public bool Has(string field) =>
        Element.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null;

    public JsonReader Object(string field)
    {
        if (!Element.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.Object)
            throw Error(field, "must be an object");
        return new JsonReader(File, value, Join(field));
    }

    public JsonReader Array(string field)
    {
        if (!Element.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.Array)
            throw Error(field, "must be an array");
        return new JsonReader(File, value, Join(field));
    }

    /// <summary>A field of any JSON type (string, object, array...), which must be present and not null.</summary>
    public JsonReader Value(string field)
    {
        if (!Element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            throw Error(field, "is missing");
        return new JsonReader(File, value, Join(field));
    }

    public JsonValueKind Kind => Element.ValueKind;

    /// <summary>This value as a string.</summary>
    public string AsString() =>
        Element.ValueKind == JsonValueKind.String ? Element.GetString()! : throw Error("must be a string");

    /// <summary>This value as a finite float.</summary>
    public float AsFloat()
    {
        if (Element.ValueKind != JsonValueKind.Number || !Element.TryGetDouble(out double d) || !float.IsFinite((float)d))
            throw Error("must be a finite number");
        return (float)d;
    }

    public float FloatOr(string field, float fallback) =>
        Has(field) ? new JsonReader(File, Element.GetProperty(field), Join(field)).AsFloat() : fallback;

    public int Length => Element.GetArrayLength();

    public JsonReader this[int index] => new(File, Element[index], $"{Path}[{index}]");

    public int Int(string field, int min, int max)
    {
        if (!Element.TryGetProperty(field, out var value)) throw Error(field, "is missing");
        return AsInt(value, field, min, max);
    }

    public int IntOr(string field, int fallback, int min, int max) =>
        Element.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null
            ? AsInt(value, field, min, max)
            : fallback;

    public int AsInt(int min, int max) => AsInt(Element, "", min, max);

    private int AsInt(JsonElement value, string field, int min, int max)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out int result) || result < min || result > max)
        {
            // Exported files sometimes write integers as 3.0; accept those but nothing fractional.
            if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double d) && d == Math.Floor(d)
                && d >= min && d <= max)
                return (int)d;
            throw field.Length == 0 ? Error($"must be an integer in {min}..{max}") : Error(field, $"must be an integer in {min}..{max}");
        }
        return result;
    }

    public bool Bool(string field)
    {
        if (!Element.TryGetProperty(field, out var value)) throw Error(field, "is missing");
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error(field, "must be true or false"),
        };
    }

    public bool BoolOr(string field, bool fallback) => Has(field) ? Bool(field) : fallback;

    public string String(string field)
    {
        if (!Element.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String)
            throw Error(field, "must be a string");
        return value.GetString()!;
    }

    public string? StringOrNull(string field) =>
        Element.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public double? NumberOrNull(string field)
    {
        if (!Element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double d) || !double.IsFinite(d))
            throw Error(field, "must be a finite number");
        return d;
    }

    /// <summary>Reads a number array as floats, rejecting anything that is not a finite float.</summary>
    public float[] Floats(int maxCount)
    {
        if (Element.ValueKind != JsonValueKind.Array) throw Error("must be an array of numbers");
        int count = Element.GetArrayLength();
        if (count > maxCount) throw Error($"has {count} values, more than the limit of {maxCount}");
        var result = new float[count];
        int i = 0;
        foreach (var item in Element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetDouble(out double d))
                throw ModelFormatException.For(File, $"{Path}[{i}]", "is not a number");
            float f = (float)d;
            if (!float.IsFinite(f)) throw ModelFormatException.For(File, $"{Path}[{i}]", "is not a finite float (NaN or Inf)");
            result[i++] = f;
        }
        return result;
    }

    /// <summary>Reads a number array of exactly <paramref name="length"/> finite floats.</summary>
    public float[] FloatVector(int length)
    {
        if (Element.ValueKind != JsonValueKind.Array || Element.GetArrayLength() != length)
            throw Error($"must be an array of {length} numbers");
        return Floats(length);
    }

    /// <summary>Reads a nested array of shape [rows][columns] as a flat row-major array.</summary>
    public float[] FloatMatrix(int rows, int columns)
    {
        if (Element.ValueKind != JsonValueKind.Array || Element.GetArrayLength() != rows)
            throw Error($"must be an array of {rows} rows");
        var result = new float[rows * columns];
        for (int r = 0; r < rows; r++) this[r].FloatVector(columns).CopyTo(result, r * columns);
        return result;
    }

    /// <summary>Rejects fields this loader does not understand instead of silently ignoring a feature.</summary>
    public void OnlyKnownFields(params string[] known)
    {
        foreach (var property in Element.EnumerateObject())
        {
            if (System.Array.IndexOf(known, property.Name) >= 0) continue;
            if (property.Value.ValueKind == JsonValueKind.Null) continue;
            throw Error(property.Name, "is not supported by this runtime");
        }
    }
}
