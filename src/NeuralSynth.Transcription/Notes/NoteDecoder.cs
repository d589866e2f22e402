using NeuralSynth.Transcription.Model;

namespace NeuralSynth.Transcription.Notes;

/// <summary>
/// Turns note/onset posteriorgrams into notes as upstream's output_to_notes_polyphonic does:
/// onset peaks above threshold start notes (latest first), each note runs until the note
/// posteriorgram stays below the frame threshold for <c>EnergyTolerance</c> frames; then the
/// melodia trick grows extra notes outward from the strongest unexplained energy.
/// </summary>
internal static class NoteDecoder
{
    public static List<FrameNote> Decode(ActivationMatrix noteMatrix, ActivationMatrix onsetMatrix, NoteCreationOptions options)
        => Decode(noteMatrix.Data, onsetMatrix.Data, noteMatrix.Bins, options, new NoteDecoderWorkspace());

    /// <summary>
    /// Decodes row-major posteriorgrams <paramref name="bins"/> wide into <paramref name="workspace"/>'s note list
    /// (returned; valid until its next decode). Allocates nothing once the workspace has grown to the input's size.
    /// </summary>
    public static List<FrameNote> Decode(ReadOnlySpan<float> noteMatrix, ReadOnlySpan<float> onsetMatrix, int bins,
        NoteCreationOptions options, NoteDecoderWorkspace workspace)
    {
        int count = noteMatrix.Length / bins;
        Span<double> frames = workspace.Frames(noteMatrix.Length);
        Span<double> onsets = workspace.Onsets(onsetMatrix.Length);
        ToDouble(noteMatrix, frames);
        ToDouble(onsetMatrix, onsets);
        FrequencyLimits.Apply(onsets, frames, bins, options.MinimumFrequencyHz, options.MaximumFrequencyHz);
        if (options.InferOnsets)
        {
            InferredOnsets.Merge(onsets, frames, bins, workspace.Rise(frames.Length));
        }

        var remaining = workspace.Remaining;
        remaining.Reset(frames, bins);
        var notes = workspace.Notes;
        notes.Clear();
        int minFrames = options.MinimumNoteFrames;
        double frameThreshold = options.FrameThreshold;
        double onsetThreshold = options.OnsetThreshold;
        int tolerance = options.EnergyTolerance;

        // Onset peaks: strict local maxima along time (edges excluded, like scipy's argrelmax) at or above the
        // threshold, latest frame first and, within a frame, highest key first. Upstream thresholds a matrix that
        // is zero off the peaks, so a threshold of 0 admits every cell.
        for (int start = count - 2; start >= 1; start--)
        {
            for (int bin = bins - 1; bin >= 0; bin--)
            {
                double v = onsets[start * bins + bin];
                bool isPeak = v > onsets[(start - 1) * bins + bin] && v > onsets[(start + 1) * bins + bin];
                if (!((isPeak ? v : 0.0) >= onsetThreshold) || start >= count - 1)
                {
                    continue;
                }

                int i = start + 1;
                int below = 0;
                while (i < count - 1 && below < tolerance)
                {
                    below = remaining[i, bin] < frameThreshold ? below + 1 : 0;
                    i++;
                }

                i -= below;
                if (i - start <= minFrames)
                {
                    continue;
                }

                for (int t = start; t < i; t++)
                {
                    remaining.ClearWithNeighbours(t, bin);
                }

                notes.Add(new FrameNote(start, i, bin, Mean(frames, bins, start, i, bin)));
            }
        }

        if (options.MelodiaTrick)
        {
            AddMelodiaNotes(remaining, frames, bins, notes, options);
        }

        return notes;
    }

    private static void AddMelodiaNotes(
        RemainingEnergy remaining, ReadOnlySpan<double> frames, int bins, List<FrameNote> notes, NoteCreationOptions options)
    {
        int count = remaining.Frames;
        double threshold = options.FrameThreshold;
        int tolerance = options.EnergyTolerance;
        int minFrames = options.MinimumNoteFrames;
        while (true)
        {
            (double peak, int mid, int bin) = remaining.ArgMax();
            if (!(peak > threshold))
            {
                break;
            }

            remaining.Clear(mid, bin);

            int i = mid + 1;
            int below = 0;
            while (i < count - 1 && below < tolerance)
            {
                below = remaining[i, bin] < threshold ? below + 1 : 0;
                remaining.ClearWithNeighbours(i, bin);
                i++;
            }

            int end = i - 1 - below;

            i = mid - 1;
            below = 0;
            while (i > 0 && below < tolerance)
            {
                below = remaining[i, bin] < threshold ? below + 1 : 0;
                remaining.ClearWithNeighbours(i, bin);
                i--;
            }

            int start = i + 1 + below;
            if (end - start <= minFrames)
            {
                continue;
            }

            notes.Add(new FrameNote(start, end, bin, Mean(frames, bins, start, end, bin)));
        }
    }

    /// <summary>Mean of the (frequency-limited) note posteriorgram over the note, its loudness proxy.</summary>
    private static double Mean(ReadOnlySpan<double> frames, int bins, int start, int end, int bin)
    {
        if (end <= start)
        {
            return double.NaN;
        }

        double sum = 0;
        for (int t = start; t < end; t++)
        {
            sum += frames[t * bins + bin];
        }

        return sum / (end - start);
    }

    private static void ToDouble(ReadOnlySpan<float> values, Span<double> result)
    {
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = values[i];
        }
    }
}
