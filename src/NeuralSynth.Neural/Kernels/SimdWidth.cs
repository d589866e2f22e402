using System.Runtime.Intrinsics;

namespace NeuralSynth.Neural.Kernels;

/// <summary>
/// Which vector width the kernels use. 512-bit wherever the CPU accelerates it; tests can force the AVX2
/// (256-bit) paths on their own thread to keep them covered on AVX-512 machines.
/// </summary>
internal static class SimdWidth
{
    /// <summary>Test switch: when set, kernels running (or, for the LSTM, built) on this thread use 256-bit vectors.</summary>
    [ThreadStatic] internal static bool Force256;

    /// <summary>Test switch: lane width (16, 8 or 1) for LSTM cells built on this thread; 0 = automatic.</summary>
    [ThreadStatic] internal static int LstmLanes;

    /// <summary>True when 512-bit vectors are accelerated and not forced off on this thread.</summary>
    internal static bool Use512 => Vector512.IsHardwareAccelerated && !Force256;

    internal static bool Use256 => Vector256.IsHardwareAccelerated;
}
