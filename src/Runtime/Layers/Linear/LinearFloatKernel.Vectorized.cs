using System.Runtime.CompilerServices;
using Kws.Runtime.Kernels;

namespace Kws.Runtime.Layers;

public static partial class LinearFloatKernel
{
    /// <summary>
    /// Bit-identical to <see cref="RunReference"/>: every output's sum in vector lanes, in the reference order
    /// (<see cref="FloatChannelSums"/>, weights packed by its Pack), bias added last.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunVectorized(ReadOnlySpan<float> input, ReadOnlySpan<float> packedWeights, ReadOnlySpan<float> bias, bool relu,
        Span<float> output, Span<float> sums)
    {
        FloatChannelSums.Compute(packedWeights, input, sums);
        for (int o = 0; o < bias.Length; o++)
        {
            float value = sums[o] + bias[o];
            output[o] = relu && !(value > 0f) ? 0f : value;
        }
    }
}
