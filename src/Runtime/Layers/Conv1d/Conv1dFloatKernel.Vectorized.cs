using System.Runtime.CompilerServices;
using Kws.Runtime.Kernels;

namespace Kws.Runtime.Layers;

public static partial class Conv1dFloatKernel
{
    /// <summary>
    /// Bit-identical to <see cref="RunReference"/>: for each output position the receptive field is gathered into one
    /// contiguous column (im2col, in the reference's [in channel][tap] order) and every output channel's sum is taken
    /// in vector lanes in that order (<see cref="FloatChannelSums"/>, weights packed by its Pack), bias added last.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunVectorized(ReadOnlySpan<float> input, ReadOnlySpan<float> packedWeights, ReadOnlySpan<float> bias, bool relu,
        Conv1dShape shape, Span<float> output, Span<float> column, Span<float> sums)
    {
        for (int t = 0; t < shape.OutputLength; t++)
        {
            FloatChannelSums.Compute(packedWeights, ReceptiveField.Gather(input, shape, t, column), sums);
            for (int o = 0; o < shape.OutChannels; o++)
            {
                float value = sums[o] + bias[o];
                output[o * shape.OutputLength + t] = relu && !(value > 0f) ? 0f : value;
            }
        }
    }
}
