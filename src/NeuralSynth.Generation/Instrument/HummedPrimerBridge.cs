using NeuralSynth.Engine.Core;
using NeuralSynth.Generation.Live;
using NeuralSynth.Transcription.Streaming;

namespace NeuralSynth.Generation.Instrument;

/// <summary>
/// "Hum a motif, the generator continues it": a background thread that takes the notes a streaming transcriber
/// hears in the input audio, places them on the host timeline using the block anchors the audio thread
/// publishes, and offers them to the live generator as played notes. The transcriber reports notes about two
/// seconds late; the tempo is taken as constant across that gap.
/// </summary>
public sealed class HummedPrimerBridge : IDisposable
{
    private readonly StreamingTranscriber _transcriber;
    private readonly SpscRing<TimelineAnchor> _anchors;
    private readonly LiveGenerator _generator;
    private readonly Thread _thread;
    private volatile bool _stop;
    private long _forwarded;

    public HummedPrimerBridge(StreamingTranscriber transcriber, SpscRing<TimelineAnchor> anchors, LiveGenerator generator)
    {
        _transcriber = transcriber;
        _anchors = anchors;
        _generator = generator;
        _thread = new Thread(Run) { IsBackground = true, Name = "NeuralSynth hummed primer", Priority = ThreadPriority.BelowNormal };
        _thread.Start();
    }

    public StreamingTranscriber Transcriber => _transcriber;

    /// <summary>Note-on and note-off messages passed to the generator so far.</summary>
    public long Forwarded => Interlocked.Read(ref _forwarded);

    private void Run()
    {
        TimelineAnchor? latest = null;
        while (!_stop)
        {
            while (_anchors.TryRead(out var anchor)) latest = anchor;
            while (latest is { } a && _transcriber.TryRead(out var message))
            {
                if (!a.Playing) continue; // nothing to continue while the transport is stopped
                double beat = a.Quarters + (message.SampleTime - a.Sample) / a.SamplesPerBeat;
                var note = new PlayedNote(Math.Max(0, beat), (byte)Math.Clamp(message.MidiPitch, 0, 127),
                    (byte)Math.Clamp(message.Velocity, 1, 127), message.Kind == NoteMessageKind.NoteOn);
                if (_generator.OfferHeardNote(note)) Interlocked.Increment(ref _forwarded);
            }
            Thread.Sleep(5);
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
        _transcriber.Dispose();
    }
}
