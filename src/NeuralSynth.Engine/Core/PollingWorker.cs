namespace NeuralSynth.Engine.Core;

/// <summary>What a <see cref="PollingWorker"/> does with one slot number taken from its ring (on its thread).</summary>
public interface ISlotJob
{
    void Run(int slot);
}

/// <summary>
/// The one worker-thread loop behind the audio thread's hand-offs (<see cref="BlockWorker"/>, RAVE's chunks): it
/// takes slot numbers from <see cref="Jobs"/> and runs the job on each. The audio thread never signals it (a
/// signal would mean a kernel call or a lock on the audio thread); the worker polls instead, yielding briefly and
/// then sleeping 1 ms while idle.
/// </summary>
public sealed class PollingWorker : IDisposable
{
    private const int SpinsBeforeSleep = 50;

    private readonly ISlotJob _job;
    private readonly Thread _thread;
    private volatile bool _stopping;

    /// <summary>Starts the thread: construct it last, once everything <paramref name="job"/> reads is in place.</summary>
    public PollingWorker(ISlotJob job, int slotCount, string name)
    {
        _job = job;
        Jobs = new SpscRing<int>(slotCount);
        _thread = new Thread(Run) { IsBackground = true, Name = name, Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    /// <summary>Audio thread → worker: slots whose input is complete. Holds every slot, so a write never fails.</summary>
    public SpscRing<int> Jobs { get; }

    private void Run()
    {
        int idle = 0;
        while (!_stopping)
        {
            if (!Jobs.TryRead(out int slot))
            {
                if (++idle < SpinsBeforeSleep) Thread.Yield();
                else Thread.Sleep(1);
                continue;
            }
            idle = 0;
            _job.Run(slot);
        }
    }

    /// <summary>Stops the thread after the job it is running, if any.</summary>
    public void Dispose()
    {
        _stopping = true;
        _thread.Join();
    }
}
