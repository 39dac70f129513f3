using System.Runtime.CompilerServices;
using Kws.Runtime.Kernels;

namespace Kws.Runtime.Layers;

public static partial class Conv1dFloatKernel
{
    /// <summary>
    /// By im2col and <see cref="FloatDotProduct"/>: within float rounding of <see cref="RunReference"/> (the dot
    /// product sums in another order).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunVectorized(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, bool relu,
        Conv1dShape shape, Span<float> output, Span<float> column)
    {
        int perChannel = shape.WeightsPerChannel;
        for (int t = 0; t < shape.OutputLength; t++)
        {
            ReadOnlySpan<float> field = ReceptiveField.Gather(input, shape, t, column);
            for (int o = 0; o < shape.OutChannels; o++)
            {
                float value = FloatDotProduct.Compute(weights.Slice(o * perChannel, perChannel), field) + bias[o];
                output[o * shape.OutputLength + t] = relu && !(value > 0f) ? 0f : value;
            }
        }
    }
}
