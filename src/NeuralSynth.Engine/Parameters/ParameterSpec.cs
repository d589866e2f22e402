using System.Globalization;

namespace NeuralSynth.Engine.Parameters;

/// <summary>
/// Immutable description of one automatable parameter. <see cref="Id"/> (the host's number) and
/// <see cref="Key"/> (the preset's name) are stable forever: changing either breaks saved sessions.
/// </summary>
public sealed class ParameterSpec
{
    public ParameterSpec(int id, string key, string name, string unit, float min, float max, float defaultValue,
        ParameterScale scale = ParameterScale.Linear, float smoothingMs = 20f, IReadOnlyList<string>? valueNames = null)
    {
        if (max <= min) throw new ArgumentException($"parameter {key}: max must exceed min");
        if (scale == ParameterScale.Logarithmic && min <= 0) throw new ArgumentException($"parameter {key}: log scale needs min > 0");
        if (defaultValue < min || defaultValue > max) throw new ArgumentException($"parameter {key}: default outside range");
        if (valueNames != null && valueNames.Count != (int)(max - min) + 1)
            throw new ArgumentException($"parameter {key}: one name per step expected");
        Id = id;
        Key = key;
        Name = name;
        Unit = unit;
        Min = min;
        Max = max;
        Default = defaultValue;
        Scale = scale;
        SmoothingMs = scale is ParameterScale.Stepped or ParameterScale.Toggle ? 0f : smoothingMs;
        ValueNames = valueNames;
    }

    public int Id { get; }
    public string Key { get; }
    public string Name { get; }
    public string Unit { get; }
    public float Min { get; }
    public float Max { get; }
    public float Default { get; }
    public ParameterScale Scale { get; }
    public float SmoothingMs { get; }
    public IReadOnlyList<string>? ValueNames { get; }

    /// <summary>Number of discrete steps for stepped/toggle parameters (VST3 stepCount), 0 when continuous.</summary>
    public int StepCount => Scale switch
    {
        ParameterScale.Stepped => (int)(Max - Min),
        ParameterScale.Toggle => 1,
        _ => 0,
    };

    public float DefaultNormalized => ToNormalized(Default);

    public float ToPlain(double normalized)
    {
        double n = double.IsFinite(normalized) ? Math.Clamp(normalized, 0.0, 1.0) : 0.0;
        return Scale switch
        {
            ParameterScale.Linear => (float)(Min + n * (Max - Min)),
            ParameterScale.Logarithmic => (float)(Min * Math.Pow(Max / (double)Min, n)),
            ParameterScale.Stepped => (float)(Min + Math.Round(n * (Max - Min))),
            ParameterScale.Toggle => n >= 0.5 ? Max : Min,
            _ => Default,
        };
    }

    public float ToNormalized(double plain)
    {
        double p = Clamp(plain);
        double n = Scale switch
        {
            ParameterScale.Logarithmic => Math.Log(p / Min) / Math.Log(Max / (double)Min),
            _ => (p - Min) / (Max - Min),
        };
        return (float)Math.Clamp(n, 0.0, 1.0);
    }

    /// <summary>Clamps into range and snaps stepped values; non-finite input becomes the default.</summary>
    public float Clamp(double plain)
    {
        if (!double.IsFinite(plain)) return Default;
        double p = Math.Clamp(plain, Min, Max);
        if (Scale == ParameterScale.Stepped) p = Math.Round(p);
        if (Scale == ParameterScale.Toggle) p = p >= (Min + Max) * 0.5 ? Max : Min;
        return (float)p;
    }

    public bool Contains(double plain) => double.IsFinite(plain) && plain >= Min && plain <= Max;

    public string Format(double plain)
    {
        float p = Clamp(plain);
        if (ValueNames != null) return ValueNames[(int)(p - Min)];
        if (Scale == ParameterScale.Toggle) return p >= Max ? "On" : "Off";
        string number = Scale == ParameterScale.Stepped
            ? p.ToString("0", CultureInfo.InvariantCulture)
            : p.ToString(Math.Abs(p) >= 100 ? "0" : Math.Abs(p) >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture);
        return Unit.Length == 0 ? number : $"{number} {Unit}";
    }

    /// <summary>Parses what <see cref="Format"/> writes (a value name, or a number with an optional unit).</summary>
    public bool TryParse(string text, out float plain)
    {
        plain = Default;
        string t = text.Trim();
        if (ValueNames != null)
        {
            for (int i = 0; i < ValueNames.Count; i++)
            {
                if (string.Equals(ValueNames[i], t, StringComparison.OrdinalIgnoreCase))
                {
                    plain = Min + i;
                    return true;
                }
            }
        }
        if (Scale == ParameterScale.Toggle)
        {
            if (t.Equals("on", StringComparison.OrdinalIgnoreCase)) { plain = Max; return true; }
            if (t.Equals("off", StringComparison.OrdinalIgnoreCase)) { plain = Min; return true; }
        }
        if (Unit.Length > 0 && t.EndsWith(Unit, StringComparison.OrdinalIgnoreCase)) t = t[..^Unit.Length].Trim();
        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            return false;
        plain = Clamp(value);
        return true;
    }

    public override string ToString() => $"{Id} {Key} [{Min}..{Max}] {Unit}";
}
