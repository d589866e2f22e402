namespace NeuralSynth.Generation.Live;

/// <summary>
/// The transport facts the scheduler needs for one audio block. Build it from the engine's
/// <see cref="NeuralSynth.Engine.Core.HostTransport"/> with <see cref="From"/> (which lacks block length and rate).
/// </summary>
/// <param name="Tempo">Beats (quarter notes) per minute during this block.</param>
/// <param name="Playing">Transport running.</param>
/// <param name="PositionQuarters">Musical position of the block's first sample, in quarter notes (PPQ).</param>
/// <param name="BlockLength">Samples in this block.</param>
/// <param name="SampleRate">Samples per second.</param>
public readonly record struct BlockTransport(double Tempo, bool Playing, double PositionQuarters, int BlockLength, double SampleRate)
{
    public double SamplesPerBeat => SampleRate * 60.0 / Tempo;

    /// <summary>From the engine's per-block host transport; without a valid tempo the scheduler assumes 120 BPM.</summary>
    public static BlockTransport From(in NeuralSynth.Engine.Core.HostTransport host, int blockLength, double sampleRate)
    {
        bool tempoValid = (host.Flags & NeuralSynth.Engine.Core.HostTransportFlags.TempoValid) != 0 && host.Tempo > 0;
        return new BlockTransport(tempoValid ? host.Tempo : 120.0, host.IsPlaying, host.ProjectTimeQuarterNotes, blockLength, sampleRate);
    }

    public double EndQuarters => PositionQuarters + BlockLength / SamplesPerBeat;
}
