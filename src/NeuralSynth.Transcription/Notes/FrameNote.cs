namespace NeuralSynth.Transcription.Notes;

/// <summary>A decoded note in frame units: [StartFrame, EndFrame) on key index Bin (0 = A0).</summary>
internal readonly record struct FrameNote(int StartFrame, int EndFrame, int Bin, double Amplitude)
{
    public int MidiPitch => Bin + BasicPitchConstants.MidiOffset;
}
