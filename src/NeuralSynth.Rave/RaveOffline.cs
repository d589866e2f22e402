using NeuralSynth.Engine;
using NeuralSynth.Engine.Audio;
using NeuralSynth.Engine.Core;
using NeuralSynth.Rave.Controls;
using NeuralSynth.Rave.Model;
using NeuralSynth.Rave.Realtime;

namespace NeuralSynth.Rave;

/// <summary>Settings of an offline render; every field has the live processor's default.</summary>
internal sealed record RaveRenderOptions
{
    /// <summary>Per latent dimension (zero-based): multiplier applied before the bias. Default 1.</summary>
    public IReadOnlyDictionary<int, float>? Scale { get; init; }
    public float Noise { get; init; }
    public float Temperature { get; init; } = 1f;
    public bool Freeze { get; init; }
    /// <summary>Ignore the input's latents and generate (prior, or a random walk when the model has none).</summary>
    public bool Generate { get; init; }
    /// <summary>Dry/wet in percent.</summary>
    public float Mix { get; init; } = 100f;
    /// <summary>Any other parameter by key (rave.*), applied last.</summary>
    public IReadOnlyDictionary<string, float>? Parameters { get; init; }
    /// <summary>0 = the manifest's first chunk size.</summary>
    public int ChunkSize { get; init; }
    public int BlockSize { get; init; } = 512;
    public ulong Seed { get; init; } = 1;
    /// <summary>"cpu" or "cuda".</summary>
    public string Provider { get; init; } = "cpu";
}

/// <summary>
/// Offline rendering through the real streaming path (<see cref="RaveProcessor"/>, its worker and rings) in
/// wait-for-worker mode: the result is deterministic and identical to a live run without overruns. The
/// processor's latency is removed, so the output lines up with the input and has the same length.
/// </summary>
internal static class RaveOffline
{
    public static AudioFile Render(AudioFile input, string modelDir, IReadOnlyDictionary<int, float> bias, RaveRenderOptions? options = null)
    {
        options ??= new RaveRenderOptions();
        using var model = RaveModel.Load(modelDir, options.Provider);
        return Render(input, model, bias, options);
    }

    /// <summary>Generates <paramref name="seconds"/> of audio without input: the prior (or a random walk) drives the decoder.</summary>
    public static AudioFile Generate(string modelDir, double seconds, RaveRenderOptions? options = null)
    {
        if (!(seconds > 0 && seconds <= 3600)) throw new InvalidInputException($"generation length {seconds} s is outside 0..3600 s");
        options = (options ?? new RaveRenderOptions()) with { Generate = true };
        using var model = RaveModel.Load(modelDir, options.Provider);
        int rate = model.Manifest.SampleRate;
        var silence = new AudioFile([new float[(int)Math.Ceiling(seconds * rate)]], rate);
        return Render(silence, model, new Dictionary<int, float>(), options);
    }

    public static AudioFile Render(AudioFile input, RaveModel model, IReadOnlyDictionary<int, float> bias, RaveRenderOptions options)
    {
        var manifest = model.Manifest;
        if (input.SampleRate != manifest.SampleRate)
            throw new InvalidInputException($"input is {input.SampleRate} Hz but model '{manifest.Name}' runs at {manifest.SampleRate} Hz; resample the input first");
        if (options.BlockSize < 1 || options.BlockSize > 1 << 16) throw new InvalidInputException($"block size {options.BlockSize} is outside 1..65536");
        using var processor = new RaveProcessor(model, new RaveProcessorOptions { ChunkSize = options.ChunkSize, WaitForWorker = true, Seed = options.Seed });
        int channels = Math.Max(1, input.ChannelCount);
        processor.Prepare(manifest.SampleRate, options.BlockSize, channels);
        Configure(processor, bias, options, manifest.LatentSize);

        int latency = processor.LatencySamples;
        int frames = input.Frames;
        var output = new float[channels][];
        for (int c = 0; c < channels; c++) output[c] = new float[frames];
        var buffers = new float[channels][];
        for (int c = 0; c < channels; c++) buffers[c] = new float[options.BlockSize];
        long total = (long)frames + latency; // run past the end so the last input sample reaches the output
        for (long start = 0; start < total; start += options.BlockSize)
        {
            int n = (int)Math.Min(options.BlockSize, total - start);
            for (int c = 0; c < channels; c++)
            {
                Span<float> buffer = buffers[c].AsSpan(0, n);
                buffer.Clear();
                if (start < frames && c < input.ChannelCount)
                    input.Channels[c].AsSpan((int)start, (int)Math.Min(n, frames - start)).CopyTo(buffer);
            }
            processor.Process(new AudioBlock(buffers, 0, n));
            for (int c = 0; c < channels; c++)
            {
                long from = Math.Max(start, latency), to = Math.Min(start + n, (long)frames + latency);
                for (long i = from; i < to; i++) output[c][i - latency] = buffers[c][i - start];
            }
        }
        return new AudioFile(output, manifest.SampleRate);
    }

    private static void Configure(RaveProcessor processor, IReadOnlyDictionary<int, float> bias, RaveRenderOptions options, int latentSize)
    {
        var values = processor.Parameters;
        foreach (var (dimension, value) in bias) values.SetImmediate(RaveParameters.Bias(CheckDimension(dimension, latentSize, "bias")), value);
        if (options.Scale != null)
            foreach (var (dimension, value) in options.Scale) values.SetImmediate(RaveParameters.Scale(CheckDimension(dimension, latentSize, "scale")), value);
        values.SetImmediate(RaveParameters.Noise, options.Noise);
        values.SetImmediate(RaveParameters.Temperature, options.Temperature);
        values.SetImmediate(RaveParameters.Freeze, options.Freeze ? 1f : 0f);
        values.SetImmediate(RaveParameters.Generate, options.Generate ? 1f : 0f);
        values.SetImmediate(RaveParameters.Mix, options.Mix);
        if (options.Parameters != null)
        {
            foreach (var (key, value) in options.Parameters)
            {
                if (!processor.Registry.TryGet(key, out var spec)) throw new InvalidInputException($"unknown RAVE parameter '{key}'");
                values.SetImmediate(spec.Id, value);
            }
        }
    }

    private static int CheckDimension(int dimension, int latentSize, string what) =>
        dimension >= 0 && dimension < Math.Min(latentSize, RaveParameters.ControlledDimensions)
            ? dimension
            : throw new InvalidInputException($"--{what} dimension {dimension} is outside 0..{Math.Min(latentSize, RaveParameters.ControlledDimensions) - 1}");
}
