using NeuralSynth.Generation.Music;

namespace NeuralSynth.Generation.Tokens;

/// <summary>
/// Puts a score into the exact form REMI tokens can express: pitches inside the piano range, durations clipped,
/// velocities at bin centres, one note per (onset, pitch) (the longest wins), tempos snapped to buckets with the
/// first at step 0 and repeats of the same bucket dropped. Encoding applies this, so Decode(Encode(s)) equals
/// Canonicalize(s).
/// </summary>
internal static class ScoreCanonicalizer
{
    public static Score Canonicalize(Score score)
    {
        var byOnsetPitch = new Dictionary<(int, int), ScoreNote>();
        foreach (var n in score.Notes)
        {
            if (n.Pitch < Quantization.MinPitch || n.Pitch > Quantization.MaxPitch || n.Start < 0) continue;
            var q = new ScoreNote(n.Start, Quantization.ClipDuration(n.Duration), n.Pitch, Quantization.QuantizeVelocity(n.Velocity));
            if (!byOnsetPitch.TryGetValue((q.Start, q.Pitch), out var existing) || existing.Duration < q.Duration)
                byOnsetPitch[(q.Start, q.Pitch)] = q;
        }
        var notes = byOnsetPitch.Values.OrderBy(n => n.Start).ThenBy(n => n.Pitch).ToList();

        var tempos = new List<TempoChange>();
        var source = score.Tempos.Count == 0 ? [new TempoChange(0, 120)] : score.Tempos.OrderBy(t => t.Step).ToList();
        foreach (var t in source)
        {
            var q = new TempoChange(Math.Max(0, t.Step), Quantization.QuantizeTempo(t.Bpm));
            if (tempos.Count == 0)
            {
                tempos.Add(q with { Step = 0 });
                continue;
            }
            if (tempos[^1].Step == q.Step) tempos[^1] = q;
            else if (tempos[^1].Bpm != q.Bpm) tempos.Add(q);
        }
        // A same-step overwrite can leave two equal neighbours; collapse them.
        for (int i = tempos.Count - 1; i > 0; i--)
        {
            if (tempos[i].Bpm == tempos[i - 1].Bpm) tempos.RemoveAt(i);
        }
        return new Score(notes, tempos, score.Meter);
    }
}
