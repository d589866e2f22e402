using NeuralSynth.Engine.Core;
using NeuralSynth.Rave.Inference;

namespace NeuralSynth.Rave.Realtime;

/// <summary>
/// The inference thread: takes chunk slots from <see cref="Jobs"/>, runs the engine, returns them through
/// <see cref="Done"/>. The audio thread never signals it (a signal would mean a kernel call or a lock on the
/// audio thread); the worker polls instead, yielding briefly and then sleeping 1 ms while idle.
/// </summary>
internal sealed class RaveWorker : IDisposable
{
    private const int SpinsBeforeSleep = 50;

    private readonly RaveEngine _engine;
    private readonly ChunkSlot[] _slots;
    private readonly Thread _thread;
    private volatile bool _stopping;
    private int _generation = -1;

    public RaveWorker(RaveEngine engine, ChunkSlot[] slots)
    {
        _engine = engine;
        _slots = slots;
        Jobs = new SpscRing<int>(slots.Length);
        Done = new SpscRing<int>(slots.Length);
        _thread = new Thread(Run) { IsBackground = true, Name = "RAVE inference", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    /// <summary>Audio thread → worker: slots whose input is complete.</summary>
    public SpscRing<int> Jobs { get; }

    /// <summary>Worker → audio thread: slots whose output is ready.</summary>
    public SpscRing<int> Done { get; }

    /// <summary>Test hook: runs before each chunk on the worker, e.g. to simulate a slow model.</summary>
    internal Action? BeforeChunk { get; set; }

    /// <summary>Chunks processed since start; read from any thread.</summary>
    public long Processed => Interlocked.Read(ref _processed);
    private long _processed;

    private void Run()
    {
        int idle = 0;
        while (!_stopping)
        {
            if (!Jobs.TryRead(out int index))
            {
                if (++idle < SpinsBeforeSleep) Thread.Yield();
                else Thread.Sleep(1);
                continue;
            }
            idle = 0;
            var slot = _slots[index];
            if (slot.Generation != _generation)
            {
                _engine.Reset(); // the audio thread was reset: start the stream over
                _generation = slot.Generation;
            }
            BeforeChunk?.Invoke();
            for (int c = 0; c < slot.Input.Length; c++) slot.Input[c].CopyTo(_engine.Input[c], 0);
            _engine.Process(slot.Controls);
            for (int c = 0; c < slot.Output.Length; c++) _engine.Output[c].CopyTo(slot.Output[c], 0);
            Interlocked.Increment(ref _processed);
            // Done has a place for every slot, so this cannot fail.
            Done.TryWrite(index);
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _thread.Join();
        _engine.Dispose();
    }
}
