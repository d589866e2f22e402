namespace NeuralSynth.Vst3.Com;

/// <summary>
/// Keeps exceptions on this side of the ABI. Every exported function body runs inside a catch that converts
/// the exception to an error code; the last one is kept for diagnostics and tests.
/// </summary>
internal static class Guard
{
    private static Exception? _last;
    private static long _count;

    public static Exception? LastException => Volatile.Read(ref _last);
    public static long ExceptionCount => Interlocked.Read(ref _count);

    public static void Record(Exception exception)
    {
        Volatile.Write(ref _last, exception);
        Interlocked.Increment(ref _count);
    }

    /// <summary>Records the exception and maps it to a tresult.</summary>
    public static int Fail(Exception exception)
    {
        Record(exception);
        return exception switch
        {
            ArgumentException => Abi.TResult.InvalidArgument,
            InvalidOperationException => Abi.TResult.False,
            OutOfMemoryException => Abi.TResult.OutOfMemory,
            _ => Abi.TResult.InternalError,
        };
    }
}
