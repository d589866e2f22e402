using NeuralSynth.Neural.Kernels;

namespace NeuralSynth.Neural.Nam.WaveNet;

/// <summary>
/// Reads a (possibly grouped) convolution's weights in NAM's file order into a dense packed matrix.
/// A grouped conv is stored block-diagonally: output row o only sees the input channels of its group,
/// the other columns stay zero (what NeuralAmpModelerCore does too; these models are tiny).
/// </summary>
internal static class GroupedWeights
{
    /// <summary>
    /// File order: output row, input channel within that row's group, tap. Input channel i at tap k lands in
    /// column <c>columnOffset + k·inputs + i</c>, the layout the row kernel reads dilated taps from.
    /// </summary>
    public static void Load(WeightCursor weights, PackedRowMatrix matrix, int outputs, int inputs, int groups,
        int taps = 1, int columnOffset = 0)
    {
        int outputsPerGroup = outputs / groups;
        int inputsPerGroup = inputs / groups;
        for (int o = 0; o < outputs; o++)
        {
            int firstInput = o / outputsPerGroup * inputsPerGroup;
            for (int j = 0; j < inputsPerGroup; j++)
                for (int tap = 0; tap < taps; tap++)
                    matrix[o, columnOffset + tap * inputs + firstInput + j] = weights.Next();
        }
    }

    public static void LoadBias(WeightCursor weights, PackedRowMatrix matrix, int outputs)
    {
        for (int o = 0; o < outputs; o++) matrix.SetBias(o, weights.Next());
    }
}
