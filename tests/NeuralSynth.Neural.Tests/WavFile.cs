using System.Buffers.Binary;

namespace NeuralSynth.Neural.Tests;

/// <summary>Minimal mono WAV reader/writer for the golden files: PCM 16/24/32-bit and IEEE float 32.</summary>
internal static class WavFile
{
    public static (float[] Samples, int SampleRate) ReadMono(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < 12 || bytes[0] != 'R' || bytes[8] != 'W') throw new InvalidDataException("not a RIFF/WAVE file: " + path);
        int pos = 12, format = 0, channels = 0, rate = 0, bits = 0;
        while (pos + 8 <= bytes.Length)
        {
            string id = System.Text.Encoding.ASCII.GetString(bytes, pos, 4);
            int size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(pos + 4));
            var body = bytes.AsSpan(pos + 8, Math.Min(size, bytes.Length - pos - 8));
            if (id == "fmt ")
            {
                format = BinaryPrimitives.ReadUInt16LittleEndian(body);
                channels = BinaryPrimitives.ReadUInt16LittleEndian(body[2..]);
                rate = BinaryPrimitives.ReadInt32LittleEndian(body[4..]);
                bits = BinaryPrimitives.ReadUInt16LittleEndian(body[14..]);
                if (format == 0xFFFE) format = BinaryPrimitives.ReadUInt16LittleEndian(body[24..]);
            }
            else if (id == "data")
            {
                if (channels != 1) throw new InvalidDataException("expected mono: " + path);
                int bytesPerSample = bits / 8;
                int count = body.Length / bytesPerSample;
                var samples = new float[count];
                for (int i = 0; i < count; i++)
                {
                    var s = body.Slice(i * bytesPerSample, bytesPerSample);
                    samples[i] = (format, bits) switch
                    {
                        (3, 32) => BinaryPrimitives.ReadSingleLittleEndian(s),
                        (1, 16) => BinaryPrimitives.ReadInt16LittleEndian(s) / 32768f,
                        (1, 24) => ((s[0] | (s[1] << 8) | (s[2] << 16)) << 8 >> 8) / 8388608f,
                        (1, 32) => BinaryPrimitives.ReadInt32LittleEndian(s) / 2147483648f,
                        _ => throw new InvalidDataException($"unsupported WAV format {format}/{bits}: {path}"),
                    };
                }
                return (samples, rate);
            }
            pos += 8 + size + (size & 1);
        }
        throw new InvalidDataException("no data chunk: " + path);
    }
}
