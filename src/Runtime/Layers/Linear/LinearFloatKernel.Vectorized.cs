using System.Runtime.CompilerServices;
using Kws.Runtime.Kernels;

namespace Kws.Runtime.Layers;

public static partial class LinearFloatKernel
{
    /// <summary>With <see cref="FloatDotProduct"/>: within float rounding of <see cref="RunReference"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunVectorized(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, bool relu, Span<float> output)
    {
        int inFeatures = input.Length;
        for (int o = 0; o < bias.Length; o++)
        {
            float value = FloatDotProduct.Compute(weights.Slice(o * inFeatures, inFeatures), input) + bias[o];
            output[o] = relu && !(value > 0f) ? 0f : value;
        }
    }
}
