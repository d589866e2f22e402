using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace NeuralSynth.Vst3.Tests.Ardour;

/// <summary>
/// One run of native/ardour/run-ardour-tests.sh against the bundle in NEURALSYNTH_VST3_BUNDLE: Ardour 7 headless
/// (ardour7-lua, "None (Dummy)" backend) renders the instrument and the effect and saves/reopens sessions. The
/// run happens once, on first use, and every <see cref="ArdourTests"/> test reads its WAVs and summary.
/// </summary>
public sealed class ArdourRun : IDisposable
{
    /// <summary>How many times the state check sets, saves and reopens.</summary>
    public const int StateRuns = 4;

    private readonly Lazy<Result> _result;
    private readonly string _work = Path.Combine(Path.GetTempPath(), "neuralsynth-ardour-" + Guid.NewGuid().ToString("N")[..8]);

    public ArdourRun() => _result = new Lazy<Result>(Run, LazyThreadSafetyMode.ExecutionAndPublication);

    public Result Get() => _result.Value;

    public static string? Bundle
    {
        get
        {
            string? value = Environment.GetEnvironmentVariable("NEURALSYNTH_VST3_BUNDLE");
            return !string.IsNullOrEmpty(value) && Directory.Exists(value) ? value : null;
        }
    }

    /// <summary>ardour7-lua on PATH (Debian's ardour package).</summary>
    public static bool ArdourInstalled =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, "ardour7-lua")));

    public sealed record Result(int ExitCode, string Output, string WorkDir, IReadOnlyDictionary<string, string> Summary, TimeSpan Elapsed)
    {
        public string Out(string file) => Path.Combine(WorkDir, "out", file);

        public string? Value(string key) => Summary.TryGetValue(key, out var v) ? v : null;

        public double Number(string key) =>
            double.Parse(Value(key) ?? throw new KeyNotFoundException($"the Ardour run reported no '{key}'\n{Output}"), CultureInfo.InvariantCulture);
    }

    private Result Run()
    {
        string script = Path.Combine(TestPaths.RepositoryRoot, "native", "ardour", "run-ardour-tests.sh");
        var start = new ProcessStartInfo("bash");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(Bundle!);
        start.ArgumentList.Add(_work);
        // The state check is asserted by its own test (with its count), so the script's exit status
        // stands for the renders only.
        start.Environment["NS_ARDOUR_STATE_RUNS"] = StateRuns.ToString(CultureInfo.InvariantCulture);
        start.Environment["NS_ARDOUR_STATE_REQUIRED"] = "0";
        var (model, preset) = WriteDiskModelPreset();
        start.Environment["NS_ARDOUR_DISK_MODEL"] = model;
        start.Environment["NS_ARDOUR_DISK_PRESET"] = preset;
        var watch = Stopwatch.StartNew();
        var (exitCode, output) = Harness.ChildProcess.Run(start, TimeSpan.FromMinutes(10));

        var summary = new Dictionary<string, string>(StringComparer.Ordinal);
        string summaryPath = Path.Combine(_work, "summary.txt");
        if (File.Exists(summaryPath))
            foreach (string line in File.ReadAllLines(summaryPath))
            {
                int eq = line.IndexOf('=');
                if (eq > 0) summary.TryAdd(line[..eq], line[(eq + 1)..]);
            }
        return new Result(exitCode, output, _work, summary, watch.Elapsed);
    }

    // Outside the work dir: the script empties that first.
    private string Inputs => _work + "-inputs";

    /// <summary>
    /// The "disk" check's inputs: a capture (models/nam/lstm.nam) and a .vstpreset of the effect as an instance saves
    /// it once that capture, added to the user model folder, is its model from disk: the Effect Model at its last
    /// value, the reference "lstm.nam" and the file's SHA-256 (<see cref="Plugin.PluginState.Of"/>).
    /// </summary>
    private (string Model, string Preset) WriteDiskModelPreset()
    {
        string folder = Directory.CreateDirectory(Inputs).FullName;
        string model = Path.Combine(folder, "lstm.nam");
        File.Copy(Path.Combine(TestPaths.RepositoryRoot, "models", "nam", "lstm.nam"), model, overwrite: true);
        var definition = Plugin.PluginDefinition.For(Plugin.PluginKind.Effect);
        var entry = new Product.Models.ModelEntry(Product.Models.EffectModelKind.Nam, "lstm", new Product.Models.ModelRoot(folder, IsUser: true), "lstm.nam", model);
        var values = (float[])definition.DefaultPlain.Clone();
        values[definition.ModelParameterIndex] = definition.DiskModelValue;
        var state = Plugin.PluginState.Of(definition, values, [], entry);
        var processor = Plugin.VstPresetFile.ProcessorClass(Plugin.PluginKind.Effect);
        string preset = Path.Combine(folder, "model-from-disk.vstpreset");
        File.WriteAllBytes(preset, Plugin.VstPresetFile.Write(Plugin.ClassIds.ModuleInfoString(processor.Words),
            [(Plugin.VstPresetFile.ComponentStateId, Plugin.StateChunk.Write(definition, state)), (Plugin.VstPresetFile.ControllerStateId, [])]));
        return (model, preset);
    }

    public void Dispose()
    {
        if (Directory.Exists(Inputs)) Directory.Delete(Inputs, recursive: true);
        // Kept when the run failed (the script says where); removed when it passed.
        if (_result.IsValueCreated && _result.Value.ExitCode == 0 && Directory.Exists(_work))
            Directory.Delete(_work, recursive: true);
    }
}

/// <summary>Runs only where Ardour 7 is installed and build.ps1 has published the bundle.</summary>
public sealed class ArdourFactAttribute : FactAttribute
{
    public ArdourFactAttribute()
    {
        if (ArdourRun.Bundle is null)
            Skip = "needs NEURALSYNTH_VST3_BUNDLE (set by `build.ps1 test`)";
        else if (!OperatingSystem.IsLinux() || !ArdourRun.ArdourInstalled)
            Skip = "needs Ardour 7 (ardour7-lua): `apt-get install ardour`, which native/install-deps.sh does";
    }
}
