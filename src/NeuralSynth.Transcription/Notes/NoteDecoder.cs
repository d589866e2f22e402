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
    {
        int bins = noteMatrix.Bins;
        int count = noteMatrix.Frames;
        double[] frames = ToDouble(noteMatrix.Data);
        double[] onsets = ToDouble(onsetMatrix.Data);
        FrequencyLimits.Apply(onsets, frames, bins, options.MinimumFrequencyHz, options.MaximumFrequencyHz);
        if (options.InferOnsets)
        {
            InferredOnsets.Merge(onsets, frames, bins);
        }

        var remaining = new RemainingEnergy(frames, bins);
        var notes = new List<FrameNote>();
        int minFrames = options.MinimumNoteFrames;
        double frameThreshold = options.FrameThreshold;
        int tolerance = options.EnergyTolerance;

        foreach ((int start, int bin) in OnsetPeaks(onsets, bins, count, options.OnsetThreshold))
        {
            if (start >= count - 1)
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

            notes.Add(new FrameNote(start, i, bin, Mean(noteMatrix, start, i, bin, frames)));
        }

        if (options.MelodiaTrick)
        {
            AddMelodiaNotes(remaining, frames, noteMatrix, notes, options);
        }

        return notes;
    }

    private static void AddMelodiaNotes(
        RemainingEnergy remaining, double[] frames, ActivationMatrix noteMatrix, List<FrameNote> notes, NoteCreationOptions options)
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

            notes.Add(new FrameNote(start, end, bin, Mean(noteMatrix, start, end, bin, frames)));
        }
    }

    /// <summary>
    /// Strict local maxima along time (edges excluded, like scipy's argrelmax) at or above the
    /// threshold, ordered latest frame first and, within a frame, highest key first.
    /// </summary>
    private static IEnumerable<(int Frame, int Bin)> OnsetPeaks(double[] onsets, int bins, int count, double threshold)
    {
        for (int t = count - 2; t >= 1; t--)
        {
            for (int b = bins - 1; b >= 0; b--)
            {
                double v = onsets[t * bins + b];
                bool isPeak = v > onsets[(t - 1) * bins + b] && v > onsets[(t + 1) * bins + b];

                // Upstream thresholds a matrix that is zero off the peaks, so a threshold of 0 admits every cell.
                if ((isPeak ? v : 0.0) >= threshold)
                {
                    yield return (t, b);
                }
            }
        }
    }

    /// <summary>Mean of the (frequency-limited) note posteriorgram over the note, its loudness proxy.</summary>
    private static double Mean(ActivationMatrix noteMatrix, int start, int end, int bin, double[] frames)
    {
        if (end <= start)
        {
            return double.NaN;
        }

        double sum = 0;
        for (int t = start; t < end; t++)
        {
            sum += frames[t * noteMatrix.Bins + bin];
        }

        return sum / (end - start);
    }

    private static double[] ToDouble(float[] values)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = values[i];
        }

        return result;
    }
}
