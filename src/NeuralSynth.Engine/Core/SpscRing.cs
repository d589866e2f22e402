using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NeuralSynth.Engine.Core;

/// <summary>
/// Lock-free single-producer/single-consumer ring buffer. One thread may call <see cref="TryWrite"/>, one other
/// thread may call <see cref="TryRead"/>; neither ever blocks or allocates. The two indices live on separate
/// cache lines so producer and consumer do not invalidate each other's line on every operation.
/// </summary>
public sealed class SpscRing<T> where T : struct
{
    private readonly T[] _items;
    private readonly int _mask;
    private PaddedIndex _writeIndex;   // written by the producer only
    private PaddedIndex _readIndex;    // written by the consumer only
    private PaddedIndex _cachedReadIndex;  // producer's private copy, refreshed only when the ring looks full
    private PaddedIndex _cachedWriteIndex; // consumer's private copy, refreshed only when the ring looks empty

    public SpscRing(int minimumCapacity)
    {
        if (minimumCapacity < 1 || minimumCapacity > 1 << 28)
            throw new ArgumentOutOfRangeException(nameof(minimumCapacity));
        int capacity = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)minimumCapacity);
        _items = new T[capacity];
        _mask = capacity - 1;
    }

    public int Capacity => _items.Length;

    /// <summary>Approximate number of queued items; exact when called from either endpoint thread.</summary>
    public int Count => (int)(Volatile.Read(ref _writeIndex.Value) - Volatile.Read(ref _readIndex.Value));

    /// <summary>Producer side. Returns false (and drops nothing) when the ring is full.</summary>
    public bool TryWrite(in T item)
    {
        long write = _writeIndex.Value;
        if (write - _cachedReadIndex.Value >= _items.Length)
        {
            _cachedReadIndex.Value = Volatile.Read(ref _readIndex.Value);
            if (write - _cachedReadIndex.Value >= _items.Length) return false;
        }
        _items[write & _mask] = item;
        Volatile.Write(ref _writeIndex.Value, write + 1);
        return true;
    }

    /// <summary>Consumer side. Returns false when the ring is empty.</summary>
    public bool TryRead(out T item)
    {
        long read = _readIndex.Value;
        if (read >= _cachedWriteIndex.Value)
        {
            _cachedWriteIndex.Value = Volatile.Read(ref _writeIndex.Value);
            if (read >= _cachedWriteIndex.Value)
            {
                item = default;
                return false;
            }
        }
        item = _items[read & _mask];
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>()) _items[read & _mask] = default;
        Volatile.Write(ref _readIndex.Value, read + 1);
        return true;
    }

    /// <summary>Producer side, in bulk (e.g. a block of samples): writes all of <paramref name="items"/>, or nothing
    /// and returns false when they do not fit, so a reader never sees part of a block.</summary>
    public bool TryWrite(ReadOnlySpan<T> items)
    {
        long write = _writeIndex.Value;
        if (items.Length > _items.Length - (write - _cachedReadIndex.Value))
        {
            _cachedReadIndex.Value = Volatile.Read(ref _readIndex.Value);
            if (items.Length > _items.Length - (write - _cachedReadIndex.Value)) return false;
        }
        int start = (int)(write & _mask);
        int first = Math.Min(items.Length, _items.Length - start);
        items[..first].CopyTo(_items.AsSpan(start));
        items[first..].CopyTo(_items);
        Volatile.Write(ref _writeIndex.Value, write + items.Length); // publish only once the items are in place
        return true;
    }

    /// <summary>Consumer side, in bulk: copies up to <paramref name="destination"/>.Length items; returns how many.</summary>
    public int Read(Span<T> destination)
    {
        long read = _readIndex.Value;
        if (_cachedWriteIndex.Value - read < destination.Length) _cachedWriteIndex.Value = Volatile.Read(ref _writeIndex.Value);
        int count = (int)Math.Min(_cachedWriteIndex.Value - read, destination.Length);
        if (count <= 0) return 0;
        int start = (int)(read & _mask);
        int first = Math.Min(count, _items.Length - start);
        _items.AsSpan(start, first).CopyTo(destination);
        _items.AsSpan(0, count - first).CopyTo(destination[first..]);
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            _items.AsSpan(start, first).Clear();
            _items.AsSpan(0, count - first).Clear();
        }
        Volatile.Write(ref _readIndex.Value, read + count);
        return count;
    }

    /// <summary>Consumer side: looks at the next item without removing it.</summary>
    public bool TryPeek(out T item)
    {
        long read = _readIndex.Value;
        if (read >= Volatile.Read(ref _writeIndex.Value))
        {
            item = default;
            return false;
        }
        item = _items[read & _mask];
        return true;
    }
}

/// <summary>A long alone on its own cache line (64 bytes of padding either side).</summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct PaddedIndex
{
    [FieldOffset(64)] public long Value;
}
