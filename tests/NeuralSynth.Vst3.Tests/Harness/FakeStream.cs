using System.Runtime.InteropServices;
using NeuralSynth.Vst3.Abi;
using NeuralSynth.Vst3.Com;

namespace NeuralSynth.Vst3.Tests.Harness;

/// <summary>A host-side IBStream over a byte buffer; <see cref="MaxChunk"/> forces short reads like some hosts do.</summary>
internal sealed unsafe class FakeStream : ComObject
{
    private static readonly IntPtr StreamVtable = VtableBuilder.Create(VtableBuilder.WithUnknown(
        (IntPtr)(delegate* unmanaged<IntPtr, void*, int, int*, int>)&Read,
        (IntPtr)(delegate* unmanaged<IntPtr, void*, int, int*, int>)&Write,
        (IntPtr)(delegate* unmanaged<IntPtr, long, int, long*, int>)&Seek,
        (IntPtr)(delegate* unmanaged<IntPtr, long*, int>)&Tell));

    private readonly MemoryStream _data;

    public FakeStream(byte[]? content = null) : base([StreamVtable], [(Iids.BStream, 0)])
    {
        _data = new MemoryStream();
        if (content != null)
        {
            _data.Write(content);
            _data.Position = 0;
        }
    }

    public int MaxChunk { get; init; } = int.MaxValue;
    public IntPtr Pointer => Slot(0);
    public byte[] ToArray() => _data.ToArray();

    [UnmanagedCallersOnly]
    private static int Read(IntPtr self, void* buffer, int count, int* read)
    {
        var stream = FromSlot<FakeStream>(self);
        int n = stream._data.Read(new Span<byte>(buffer, Math.Min(count, stream.MaxChunk)));
        if (read != null) *read = n;
        return n > 0 || count == 0 ? TResult.Ok : TResult.False;
    }

    [UnmanagedCallersOnly]
    private static int Write(IntPtr self, void* buffer, int count, int* written)
    {
        var stream = FromSlot<FakeStream>(self);
        int n = Math.Min(count, stream.MaxChunk);
        stream._data.Write(new ReadOnlySpan<byte>(buffer, n));
        if (written != null) *written = n;
        return TResult.Ok;
    }

    [UnmanagedCallersOnly]
    private static int Seek(IntPtr self, long position, int mode, long* result)
    {
        var stream = FromSlot<FakeStream>(self);
        long p = stream._data.Seek(position, (SeekOrigin)mode);
        if (result != null) *result = p;
        return TResult.Ok;
    }

    [UnmanagedCallersOnly]
    private static int Tell(IntPtr self, long* position)
    {
        if (position != null) *position = FromSlot<FakeStream>(self)._data.Position;
        return TResult.Ok;
    }
}
