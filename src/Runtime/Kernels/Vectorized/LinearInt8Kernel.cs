using System.Runtime.CompilerServices;
using Kws.Runtime.Quantization;

namespace Kws.Runtime.Kernels.Vectorized;

/// <summary>int8 Linear, bit-identical to <see cref="Reference.LinearInt8Kernel"/>: vector dot products, then vector requantization.</summary>
public static class LinearInt8Kernel
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(ReadOnlySpan<byte> input, ReadOnlySpan<sbyte> weights, RequantizationPlan plan, int outFeatures,
        Span<byte> output, Span<int> accumulators)
    {
        int inFeatures = input.Length;
        for (int o = 0; o < outFeatures; o++)
        {
            accumulators[o] = Int8DotProduct.Compute(weights.Slice(o * inFeatures, inFeatures), input) + plan.Correction[o];
        }
        VectorRequantizer.Run(accumulators[..outFeatures], plan.Multiplier, plan.Offset, plan.OutputZeroPoint, plan.Min, output);
    }
}
