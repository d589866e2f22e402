using NeuralSynth.Engine.Core;
using NeuralSynth.Rave.Inference;

namespace NeuralSynth.Rave.Realtime;

/// <summary>
/// The inference job: chunk slots come from <see cref="Jobs"/>, run through the engine on a
/// <see cref="PollingWorker"/>'s thread, and go back through <see cref="Done"/>.
/// </summary>
internal sealed class RaveWorker : ISlotJob, IDisposable
{
    private readonly RaveEngine _engine;
    private readonly ChunkSlot[] _slots;
    private readonly PollingWorker _worker;
    private int _generation = -1;

    public RaveWorker(RaveEngine engine, ChunkSlot[] slots)
    {
        _engine = engine;
        _slots = slots;
        Done = new SpscRing<int>(slots.Length);
        _worker = new PollingWorker(this, slots.Length, "RAVE inference");
    }

    /// <summary>Audio thread → worker: slots whose input is complete.</summary>
    public SpscRing<int> Jobs => _worker.Jobs;

    /// <summary>Worker → audio thread: slots whose output is ready.</summary>
    public SpscRing<int> Done { get; }

    /// <summary>Test hook: runs before each chunk on the worker, e.g. to simulate a slow model.</summary>
    internal Action? BeforeChunk { get; set; }

    /// <summary>Chunks processed since start; read from any thread.</summary>
    public long Processed => Interlocked.Read(ref _processed);
    private long _processed;

    /// <summary>Worker thread: one chunk through the engine.</summary>
    void ISlotJob.Run(int index)
    {
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

    public void Dispose()
    {
        _worker.Dispose();
        _engine.Dispose();
    }
}
