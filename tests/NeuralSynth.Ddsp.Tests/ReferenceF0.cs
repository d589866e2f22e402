using System.Globalization;

namespace NeuralSynth.Ddsp.Tests;

/// <summary>
/// The sung recording's f0 contour made by aubio (data/make_reference_f0.py, data/vocadito_10.f0.csv): the
/// oracle for the transfer test, made by a tool that is not the code under test.
/// </summary>
internal sealed record ReferenceF0(double CenterSeconds, double Hz, double Confidence)
{
    public static string Path => System.IO.Path.Combine(TestSupport.RepoRoot, "tests", "NeuralSynth.Ddsp.Tests", "data", "vocadito_10.f0.csv");

    public static IReadOnlyList<ReferenceF0> Load() =>
        File.ReadLines(Path).Skip(1).Select(line => line.Split(',')).Select(f => new ReferenceF0(
            double.Parse(f[0], CultureInfo.InvariantCulture), double.Parse(f[1], CultureInfo.InvariantCulture),
            double.Parse(f[2], CultureInfo.InvariantCulture))).ToList();
}
