namespace NeuralSynth.Engine.Synth;

/// <summary>
/// Owns the voice pool and decides which voice plays a new note. The pool holds spare slots beyond the
/// polyphony limit so that a stolen voice can fade out (a few milliseconds) while the new note starts on
/// time in another slot.
/// </summary>
public sealed class VoiceAllocator
{
    public const int MaxPolyphony = 64;
    private const int FadeSlots = 16;

    public VoiceAllocator(int maxHarmonics, int maxSegment)
    {
        Voices = new Voice[MaxPolyphony + FadeSlots];
        for (int i = 0; i < Voices.Length; i++) Voices[i] = new Voice(maxHarmonics, maxSegment, slot: i);
    }

    public Voice[] Voices { get; }

    /// <summary>Voices that count against polyphony: held or releasing, not fading after a steal.</summary>
    public int CountPlaying()
    {
        int count = 0;
        foreach (var v in Voices) if (v.State is VoiceState.Held or VoiceState.Released) count++;
        return count;
    }

    public int CountSounding()
    {
        int count = 0;
        foreach (var v in Voices) if (v.IsSounding) count++;
        return count;
    }

    /// <summary>Finds the voice to play a new note, stealing (with a fade) if the polyphony limit is reached.</summary>
    /// <returns>The voice to start, and whether another voice had to be stolen.</returns>
    public (Voice Voice, bool Stole) Allocate(int polyphony)
    {
        bool stole = false;
        while (CountPlaying() >= Math.Clamp(polyphony, 1, MaxPolyphony))
        {
            Voice? victim = Oldest(VoiceState.Released) ?? Oldest(VoiceState.Held);
            if (victim == null) break;
            victim.Steal();
            stole = true;
        }

        foreach (var v in Voices) if (v.State == VoiceState.Free) return (v, stole);

        // Every slot is busy fading: cut the quietest fade short rather than drop the note.
        Voice quietest = Voices[0];
        foreach (var v in Voices) if (v.State == VoiceState.Stealing && v.Level < quietest.Level) quietest = v;
        quietest.Kill();
        return (quietest, true);
    }

    public Voice? FindPlaying(int channel, int note)
    {
        foreach (var v in Voices)
            if (v.Note == note && v.Channel == channel && v.State is VoiceState.Held or VoiceState.Released) return v;
        return null;
    }

    private Voice? Oldest(VoiceState state)
    {
        Voice? oldest = null;
        foreach (var v in Voices)
            if (v.State == state && (oldest == null || v.StartedAt < oldest.StartedAt)) oldest = v;
        return oldest;
    }
}
