namespace NeuralSynth.Engine.Core;

/// <summary>Work done on whole blocks off the audio thread (e.g. an ONNX Runtime call, which allocates natively).</summary>
public interface IBlockJob
{
    /// <summary>Worker thread: turn one block of input into one block of output.</summary>
    void Run(ReadOnlySpan<float> input, Span<float> output);

    /// <summary>Worker thread: forget the stream (recurrent state) before the first block after a reset.</summary>
    void ResetStream();
}

/// <summary>
/// Streams samples through an <see cref="IBlockJob"/> that runs on its own thread, with a fixed latency of two
/// blocks: the block filled during period n is computed during period n+1 and played during period n+2, so the
/// job has a whole block period to finish. Only slot numbers cross threads (an SPSC ring one way, a per-slot
/// sequence number back); the audio thread never waits, locks or allocates. A block the worker has not finished
/// in time is played as silence and counted in <see cref="LateBlocks"/> — unless <see cref="Offline"/> is set
/// (a bounce), when the audio thread waits for it.
/// </summary>
public sealed class BlockWorker : ISlotJob, IDisposable
{
    private const int SlotCount = 4;          // filling, computing, playing, and one spare for a late worker
    private static readonly TimeSpan OfflineWaitLimit = TimeSpan.FromSeconds(5);

    private readonly IBlockJob _job;
    private readonly float[][] _inputs = new float[SlotCount][];
    private readonly float[][] _outputs = new float[SlotCount][];
    private readonly long[] _sequence = new long[SlotCount];   // block number a slot holds (audio thread writes)
    private readonly long[] _done = new long[SlotCount];       // block number whose output is ready (worker writes)
    private readonly int[] _generation = new int[SlotCount];
    private readonly PollingWorker _worker;
    private long _block;      // number of the block being filled
    private int _fill;
    private int _playing = -1; // slot whose output is playing, or -1 for silence
    private int _generationNow;
    private int _workerGeneration = -1;

    public BlockWorker(IBlockJob job, int blockSize, string name)
    {
        if (blockSize <= 0) throw new ArgumentOutOfRangeException(nameof(blockSize));
        _job = job;
        BlockSize = blockSize;
        for (int s = 0; s < SlotCount; s++)
        {
            _inputs[s] = new float[blockSize];
            _outputs[s] = new float[blockSize];
            _done[s] = _sequence[s] = -1;
        }
        _worker = new PollingWorker(this, SlotCount, name);
    }

    public int BlockSize { get; }

    /// <summary>Samples between a sample going in and its result coming out.</summary>
    public int LatencySamples => 2 * BlockSize;

    /// <summary>Set during a bounce (a plain store, any thread): the audio thread then waits for late blocks.</summary>
    public bool Offline { get; set; }

    /// <summary>Blocks played as silence because the worker had not finished them (real time only).</summary>
    public long LateBlocks => Interlocked.Read(ref _late);
    private long _late;

    /// <summary>Audio thread. Any length.</summary>
    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        for (int t = 0; t < input.Length;)
        {
            int n = Math.Min(input.Length - t, BlockSize - _fill);
            var slot = (int)(_block % SlotCount);
            input.Slice(t, n).CopyTo(_inputs[slot].AsSpan(_fill, n));
            if (_playing >= 0) _outputs[_playing].AsSpan(_fill, n).CopyTo(output.Slice(t, n));
            else output.Slice(t, n).Clear();
            _fill += n;
            t += n;
            if (_fill == BlockSize) EndBlock(slot);
        }
    }

    private void EndBlock(int slot)
    {
        _generation[slot] = _generationNow;
        Volatile.Write(ref _sequence[slot], _block);
        _worker.Jobs.TryWrite(slot); // capacity SlotCount: a free slot always has room (see below)
        _fill = 0;

        // Play the block handed over one period ago.
        long previous = _block - 1;
        int ready = (int)((previous % SlotCount + SlotCount) % SlotCount);
        _playing = previous >= 0 && IsDone(ready, previous) ? ready : -1;
        if (previous >= 0 && _playing < 0 && _sequence[ready] == previous)
        {
            if (Offline) _playing = WaitFor(ready, previous) ? ready : -1;
            if (_playing < 0) Interlocked.Increment(ref _late);
        }

        _block++;
        SkipBusySlots(countLate: true);
    }

    /// <summary>
    /// The next slot to fill must not still be with the worker (a worker more than two periods late): skip its
    /// block number — that block plays as silence anyway — rather than overwrite what the worker reads. Bounded:
    /// at most one pass over the slots.
    /// </summary>
    private void SkipBusySlots(bool countLate)
    {
        for (int tries = 0; tries < SlotCount; tries++)
        {
            int next = (int)(_block % SlotCount);
            if (_sequence[next] < 0 || IsDone(next, _sequence[next])) return;
            if (countLate) Interlocked.Increment(ref _late);
            _block++;
        }
    }

    private bool IsDone(int slot, long block) => Volatile.Read(ref _done[slot]) == block;

    private bool WaitFor(int slot, long block)
    {
        var spin = new SpinWait();
        long deadline = Environment.TickCount64 + (long)OfflineWaitLimit.TotalMilliseconds;
        while (!IsDone(slot, block))
        {
            if (Environment.TickCount64 > deadline) return false;
            spin.SpinOnce(sleep1Threshold: 100);
        }
        return true;
    }

    /// <summary>Audio thread (or while stopped): restart the stream; blocks in flight are dropped.</summary>
    public void Reset()
    {
        _generationNow++;
        _fill = 0;
        _playing = -1;
        // Skip past every block number in flight so none of them is mistaken for a new one.
        _block += SlotCount;
        SkipBusySlots(countLate: false);
    }

    /// <summary>Worker thread: one block through the job.</summary>
    void ISlotJob.Run(int slot)
    {
        long block = Volatile.Read(ref _sequence[slot]);
        if (_generation[slot] != _workerGeneration)
        {
            _job.ResetStream();
            _workerGeneration = _generation[slot];
        }
        _job.Run(_inputs[slot], _outputs[slot]);
        Volatile.Write(ref _done[slot], block);
    }

    public void Dispose() => _worker.Dispose();
}
