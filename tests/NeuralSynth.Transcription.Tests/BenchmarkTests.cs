using Xunit.Abstractions;

namespace NeuralSynth.Transcription.Tests;

public sealed class BenchmarkTests(ITestOutputHelper output)
{
    [Fact]
    public void OfflineTranscriptionRunsFasterThanRealTimeOnOneThread()
    {
        double rtf = TranscriptionBenchmark.Run(TestData.ModelPath, 10);
        output.WriteLine($"real-time factor (1 ORT thread): {rtf:F4}");
        Assert.InRange(rtf, 1e-4, 1.0);
    }
}
