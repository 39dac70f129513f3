using System.Runtime.CompilerServices;
namespace Kws.Runtime.Kernels.Vectorized;

/// <summary>
/// float32 Conv1d by im2col and <see cref="FloatDotProduct"/>; within float rounding of <see cref="Reference.Conv1dFloatKernel"/>.
/// </summary>
public static class Conv1dFloatKernel
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, bool relu,
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
