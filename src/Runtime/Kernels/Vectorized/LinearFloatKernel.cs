using System.Runtime.CompilerServices;
namespace Kws.Runtime.Kernels.Vectorized;

/// <summary>float32 Linear with <see cref="FloatDotProduct"/>; within float rounding of <see cref="Reference.LinearFloatKernel"/>.</summary>
public static class LinearFloatKernel
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, bool relu, Span<float> output)
    {
        int inFeatures = input.Length;
        for (int o = 0; o < bias.Length; o++)
        {
            float value = FloatDotProduct.Compute(weights.Slice(o * inFeatures, inFeatures), input) + bias[o];
            output[o] = relu && !(value > 0f) ? 0f : value;
        }
    }
}
