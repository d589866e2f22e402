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

    public void Dispose()
    {
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
