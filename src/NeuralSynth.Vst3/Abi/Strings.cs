using System.Runtime.InteropServices;
using System.Text;

namespace NeuralSynth.Vst3.Abi;

/// <summary>Writes and reads the SDK's fixed-size, zero-terminated strings (truncating, never overrunning).</summary>
internal static unsafe class Strings
{
    public const int String128 = 128;

    /// <summary>UTF-16 (char16) into a buffer of <paramref name="capacity"/> units, always terminated.</summary>
    public static void WriteUtf16(char* destination, int capacity, string text)
    {
        int length = Math.Min(text.Length, capacity - 1);
        // Never split a surrogate pair: a lone high surrogate at the end is invalid UTF-16.
        if (length > 0 && length < text.Length && char.IsHighSurrogate(text[length - 1])) length--;
        text.AsSpan(0, length).CopyTo(new Span<char>(destination, capacity));
        destination[length] = '\0';
    }

    /// <summary>UTF-8 (char8) into a buffer of <paramref name="capacity"/> bytes, always terminated.</summary>
    public static void WriteUtf8(byte* destination, int capacity, string text)
    {
        var span = new Span<byte>(destination, capacity);
        span.Clear();
        var encoder = Encoding.UTF8.GetEncoder();
        encoder.Convert(text.AsSpan(), span[..(capacity - 1)], flush: true, out _, out int written, out _);
        span[written] = 0;
    }

    /// <summary>A zero-terminated UTF-16 string of at most <paramref name="maxLength"/> units.</summary>
    public static string ReadUtf16(char* source, int maxLength = 4096)
    {
        if (source == null) return string.Empty;
        int length = 0;
        while (length < maxLength && source[length] != '\0') length++;
        return new string(source, 0, length);
    }

    /// <summary>A zero-terminated UTF-8 string (FIDString), or null for a null pointer.</summary>
    public static string? ReadUtf8(byte* source, int maxLength = 4096)
    {
        if (source == null) return null;
        int length = 0;
        while (length < maxLength && source[length] != 0) length++;
        return Encoding.UTF8.GetString(source, length);
    }

    /// <summary>A zero-terminated UTF-8 copy in native memory; free it with <see cref="NativeMemory.Free"/>.</summary>
    public static byte* AllocUtf8(string text)
    {
        int count = Encoding.UTF8.GetByteCount(text);
        byte* memory = (byte*)NativeMemory.Alloc((nuint)count + 1);
        Encoding.UTF8.GetBytes(text, new Span<byte>(memory, count));
        memory[count] = 0;
        return memory;
    }
}
