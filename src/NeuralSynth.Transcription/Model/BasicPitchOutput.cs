namespace NeuralSynth.Transcription.Model;

/// <summary>The three stitched posteriorgrams, one row per model frame (≈11.6 ms).</summary>
public sealed record BasicPitchOutput(ActivationMatrix Note, ActivationMatrix Onset, ActivationMatrix Contour)
{
    public int Frames => Note.Frames;
}
