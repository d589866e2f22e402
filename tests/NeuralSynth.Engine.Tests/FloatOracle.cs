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
