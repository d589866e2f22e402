using NeuralSynth.Rave.Model;

namespace NeuralSynth.Rave.Tests;

/// <summary>Paths to the shipped model and the PyTorch goldens (found by walking up to Plugin.sln), and one
/// shared loaded model so each test does not pay for creating sessions.</summary>
internal static class TestModel
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Plugin.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Plugin.sln not found above " + AppContext.BaseDirectory);
    });

    private static readonly Lazy<RaveModel> Shared = new(() => RaveModel.Load(Folder));

    public static string Root => RootPath.Value;
    public static string Folder => Path.Combine(Root, "models", "rave", "fluid-small");
    public static RaveModel Model => Shared.Value;

    public static float[] Golden(string name)
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(Root, "tests", "NeuralSynth.Rave.Tests", "Golden", name + ".f32"));
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, values.Length * 4);
        return values;
    }

    /// <summary>A deterministic test signal with pitch and level movement (not silence, not a single tone).</summary>
    public static float[] Signal(int samples, int sampleRate = 48000)
    {
        var x = new float[samples];
        double phase = 0;
        for (int i = 0; i < samples; i++)
        {
            double t = (double)i / sampleRate;
            phase += 2 * Math.PI * (220 + 80 * Math.Sin(2 * Math.PI * 0.7 * t)) / sampleRate;
            x[i] = (float)(0.4 * (0.6 + 0.4 * Math.Sin(2 * Math.PI * 1.3 * t)) * (Math.Sin(phase) + 0.3 * Math.Sin(3 * phase)));
        }
        return x;
    }

    public static float MaxAbsDiff(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float max = 0;
        for (int i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }
}
