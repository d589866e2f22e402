using NeuralSynth.Engine.Dsp.Resampling;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using Xunit;

namespace NeuralSynth.Engine.Tests;

/// <summary>
/// Bit-exact oracles for float outputs, recorded before a refactoring that must not change a bit. A SIMD reduction
/// (TensorPrimitives.Dot) adds in an order set by the widest vector the CPU accelerates, so an oracle keeps one hash
/// per x64 vector width; they were recorded with DOTNET_EnableAVX512=0 and DOTNET_EnableAVX2=0 for the narrower ones.
/// </summary>
internal static class FloatOracle
{
    /// <summary>Output length and the first 64 bits of the SHA-256 of its bytes.</summary>
    public static string Hash(ReadOnlySpan<float> values)
        => $"{values.Length}:{Convert.ToHexString(SHA256.HashData(MemoryMarshal.AsBytes(values)))[..16]}";

    /// <summary>A tone plus white noise from a seeded generator, so an oracle's input never changes.</summary>
    public static float[] ToneAndNoise(int length)
    {
        var random = new Random(3);
        var x = new float[length];
        for (int i = 0; i < length; i++) x[i] = (float)(0.5 * Math.Sin(0.05 * i) + 0.3 * (random.NextDouble() - 0.5));
        return x;
    }

    /// <summary>
    /// Streams <paramref name="input"/> through <paramref name="resampler"/> in blocks of random sizes 1..<paramref name="maxBlock"/>
    /// from a seeded generator, as hosts deliver it, and returns everything it produced (with its drained tail when
    /// <paramref name="drainTail"/>).
    /// </summary>
    public static float[] StreamInUnevenBlocks(StreamingResampler resampler, float[] input, int maxBlock, int seed, bool drainTail)
    {
        var output = new float[resampler.MaxOutputFor(maxBlock)];
        var collected = new List<float>();
        var random = new Random(seed);
        for (int i = 0; i < input.Length;)
        {
            int n = Math.Min(random.Next(1, maxBlock + 1), input.Length - i);
            int produced = resampler.Process(input.AsSpan(i, n), output);
            collected.AddRange(output.AsSpan(0, produced));
            i += n;
        }
        if (drainTail)
        {
            resampler.Complete();
            int drained;
            while ((drained = resampler.Drain(output)) > 0) collected.AddRange(output.AsSpan(0, drained));
        }
        return collected.ToArray();
    }

    /// <summary>The recorded hash for the vector width this process runs with.</summary>
    public static string Expected(string avx512, string avx2, string sse)
        => Vector512.IsHardwareAccelerated ? avx512 : Vector256.IsHardwareAccelerated ? avx2 : sse;
}

/// <summary>
/// A theory whose oracle was recorded on x64; other processors round SIMD sums differently (fused multiply-add on
/// every width), so there it is reported as skipped rather than failed or passed.
/// </summary>
public sealed class X64OracleTheoryAttribute : TheoryAttribute
{
    public X64OracleTheoryAttribute()
    {
        if (RuntimeInformation.ProcessArchitecture != Architecture.X64) Skip = "bit-exact oracle recorded on x64";
    }
}
