namespace NeuralSynth.Vst3.Host;

/// <summary>Reads and writes a host's IBStream (read, write, seek, tell after FUnknown).</summary>
internal static unsafe class BStream
{
    public static int Read(IntPtr stream, Span<byte> buffer, out int read)
    {
        int count = 0;
        int status;
        fixed (byte* p = buffer)
            status = ((delegate* unmanaged<IntPtr, void*, int, int*, int>)Unknown.Vtable(stream)[3])(stream, p, buffer.Length, &count);
        read = count;
        return status;
    }

    /// <summary>Fills <paramref name="buffer"/> completely, looping over short reads; false when the stream ends first.</summary>
    public static bool ReadExactly(IntPtr stream, Span<byte> buffer)
    {
        int filled = 0;
        while (filled < buffer.Length)
        {
            int status = Read(stream, buffer[filled..], out int read);
            if (status != Abi.TResult.Ok || read <= 0 || read > buffer.Length - filled) return false;
            filled += read;
        }
        return true;
    }

    public static bool WriteAll(IntPtr stream, ReadOnlySpan<byte> data)
    {
        int written = 0;
        while (written < data.Length)
        {
            int count = 0;
            int status;
            fixed (byte* p = data[written..])
                status = ((delegate* unmanaged<IntPtr, void*, int, int*, int>)Unknown.Vtable(stream)[4])(stream, p, data.Length - written, &count);
            if (status != Abi.TResult.Ok || count <= 0) return false;
            written += count;
        }
        return true;
    }
}
