using System.Runtime.CompilerServices;
using Kws.Runtime.Kernels;
using Kws.Runtime.Quantization;

namespace Kws.Runtime.Layers;

public static partial class LinearInt8Kernel
{
    /// <summary>Bit-identical to <see cref="RunReference"/>: vector dot products, then vector requantization.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunVectorized(ReadOnlySpan<byte> input, ReadOnlySpan<sbyte> weights, RequantizationPlan plan, int outFeatures,
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
