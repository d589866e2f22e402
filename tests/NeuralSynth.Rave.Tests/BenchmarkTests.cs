using System.Globalization;
using System.Text.Json;
using Xunit;

namespace NeuralSynth.Rave.Tests;

public class BenchmarkTests
{
    /// <summary>
    /// A short smoke run by default. models/rave/recipe/bench.sh sets RAVE_BENCH_SECONDS and RAVE_BENCH_OUT to
    /// run the real benchmark through this test and read its result as JSON.
    /// </summary>
    [Fact]
    public void Benchmark_reports_a_decode_real_time_factor()
    {
        string? secondsText = Environment.GetEnvironmentVariable("RAVE_BENCH_SECONDS");
        double seconds = secondsText is null ? 0.5 : double.Parse(secondsText, CultureInfo.InvariantCulture);
        var result = RaveBenchmark.Run(Environment.GetEnvironmentVariable("RAVE_BENCH_MODEL") ?? TestModel.Folder, seconds);
        Assert.True(double.IsFinite(result.DecodeRealTimeFactor) && result.DecodeRealTimeFactor > 0);
        string? output = Environment.GetEnvironmentVariable("RAVE_BENCH_OUT");
        if (output != null) File.WriteAllText(output, JsonSerializer.Serialize(result));
    }
}
