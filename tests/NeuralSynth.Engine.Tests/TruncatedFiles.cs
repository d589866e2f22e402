namespace NeuralSynth.Engine.Tests;

/// <summary>
/// Cut-off WAV and MIDI files built byte by byte, so each test knows exactly what the file claims and what it
/// holds without asking the reader under test.
/// </summary>
internal static class TruncatedFiles
{
    /// <summary>Mono float WAV whose data chunk claims <paramref name="claimedBytes"/> but holds <paramref name="samples"/>.</summary>
    public static byte[] Wav(float[] samples, int claimedBytes, int sampleRate = 48000, int extraBytes = 0)
    {
        var body = new MemoryStream();
        var w = new BinaryWriter(body);
        w.Write("WAVE"u8); w.Write("fmt "u8); w.Write(16);
        w.Write((short)3); w.Write((short)1); w.Write(sampleRate); w.Write(sampleRate * 4); w.Write((short)4); w.Write((short)32);
        w.Write("data"u8); w.Write(claimedBytes);
        foreach (float s in samples) w.Write(s);
        for (int i = 0; i < extraBytes; i++) w.Write((byte)0);
        var file = new MemoryStream();
        var f = new BinaryWriter(file);
        f.Write("RIFF"u8); f.Write((int)body.Length); f.Write(body.ToArray());
        return file.ToArray();
    }

    public static float[] Sine(int samples) =>
        Enumerable.Range(0, samples).Select(i => 0.5f * MathF.Sin(2 * MathF.PI * 440 * i / 48000)).ToArray();

    /// <summary>
    /// A two-track SMF: track 1 holds a tempo (whole), track 2 holds <paramref name="notes"/> quarter notes
    /// (on + off: 9 bytes, two events per note, no running status) but claims <paramref name="claimedTrackBytes"/>; the file
    /// ends <paramref name="cutBytes"/> bytes before its last note ends.
    /// </summary>
    public static byte[] Midi(int notes, int claimedTrackBytes, int cutBytes = 0)
    {
        var m = new List<byte>();
        m.AddRange("MThd"u8.ToArray()); m.AddRange([0, 0, 0, 6, 0, 1, 0, 2, 0x01, 0xE0]);
        byte[] tempo = [0x00, 0xFF, 0x51, 0x03, 0x07, 0xA1, 0x20, 0x00, 0xFF, 0x2F, 0x00];
        m.AddRange("MTrk"u8.ToArray()); m.AddRange([0, 0, 0, (byte)tempo.Length]); m.AddRange(tempo);
        m.AddRange("MTrk"u8.ToArray());
        m.AddRange([(byte)(claimedTrackBytes >> 24), (byte)(claimedTrackBytes >> 16), (byte)(claimedTrackBytes >> 8), (byte)claimedTrackBytes]);
        for (int n = 0; n < notes; n++) m.AddRange([0x00, 0x90, (byte)(60 + n), 100, 0x83, 0x60, 0x80, (byte)(60 + n), 0x40]);
        return m.Take(m.Count - cutBytes).ToArray();
    }
}
