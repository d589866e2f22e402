namespace NeuralSynth.Vst3.Tests.NativeHost;

/// <summary>
/// A test that drives the published bundle with the native VST3 host. build.ps1's test task sets
/// NEURALSYNTH_VST3_BUNDLE and NEURALSYNTH_VST3_HOST after building both and runs only these (Category
/// NativeHost); a plain `dotnet test` reports them as skipped.
/// </summary>
public sealed class NativeHostFactAttribute : FactAttribute
{
    public NativeHostFactAttribute()
    {
        if (NativeHostRunner.Bundle is null || NativeHostRunner.HostExecutable is null)
            Skip = "needs NEURALSYNTH_VST3_BUNDLE and NEURALSYNTH_VST3_HOST (set by `build.ps1 test`)";
    }
}

/// <summary>The theory form of <see cref="NativeHostFactAttribute"/>.</summary>
public sealed class NativeHostTheoryAttribute : TheoryAttribute
{
    public NativeHostTheoryAttribute()
    {
        if (NativeHostRunner.Bundle is null || NativeHostRunner.HostExecutable is null)
            Skip = "needs NEURALSYNTH_VST3_BUNDLE and NEURALSYNTH_VST3_HOST (set by `build.ps1 test`)";
    }
}
