namespace NeuralSynth.Rave.Controls;

/// <summary>
/// The latent-side control values at one chunk boundary, copied by the audio thread into the chunk's slot so the
/// worker reads a consistent snapshot without sharing the live parameter state. Preallocated; copied in place.
/// </summary>
internal sealed class LatentControlFrame
{
    public readonly float[] Bias = new float[RaveParameters.ControlledDimensions];
    public readonly float[] Scale = new float[RaveParameters.ControlledDimensions];
    public float Noise;
    public float Temperature = 1f;
    public float Freeze;
    public float Generate;
    public float Transpose; // semitones

    public LatentControlFrame() => Array.Fill(Scale, 1f);

    public void CopyFrom(LatentControlFrame other)
    {
        other.Bias.CopyTo(Bias, 0);
        other.Scale.CopyTo(Scale, 0);
        Noise = other.Noise;
        Temperature = other.Temperature;
        Freeze = other.Freeze;
        Generate = other.Generate;
        Transpose = other.Transpose;
    }

    public void Capture(NeuralSynth.Engine.Parameters.ParameterValues values)
    {
        for (int d = 0; d < Bias.Length; d++)
        {
            Bias[d] = values.Get(RaveParameters.Bias(d));
            Scale[d] = values.Get(RaveParameters.Scale(d));
        }
        Noise = values.Get(RaveParameters.Noise);
        Temperature = values.Get(RaveParameters.Temperature);
        Freeze = values.Get(RaveParameters.Freeze);
        Generate = values.Get(RaveParameters.Generate);
        Transpose = values.Get(RaveParameters.Transpose);
    }
}
