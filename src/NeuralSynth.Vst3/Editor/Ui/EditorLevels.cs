namespace NeuralSynth.Vst3.Editor.Ui;

/// <summary>
/// The meters' displayed levels in dBFS: the loudest reading since the last tick, falling back at a fixed rate
/// (as a hardware peak meter does) so short peaks stay visible and a stopped transport settles to the floor.
/// </summary>
internal sealed class EditorLevels
{
    public const float Floor = -70f;
    private const float FallPerTick = 1.5f; // ~45 dB/s at 30 Hz

    public float InputDb { get; private set; } = Floor;
    public float OutputDb { get; private set; } = Floor;

    public void Poll(IEditorModel model)
    {
        float input = Floor, output = Floor;
        if (model.TryReadLevels(out float inputPeak, out float outputPeak))
        {
            input = ToDb(inputPeak);
            output = ToDb(outputPeak);
        }
        InputDb = Math.Max(input, InputDb - FallPerTick);
        OutputDb = Math.Max(output, OutputDb - FallPerTick);
    }

    private static float ToDb(float peak) => peak <= 1e-6f || !float.IsFinite(peak) ? Floor : Math.Max(Floor, 20f * MathF.Log10(peak));
}
