using Kws.Runtime.Quantization;

namespace Kws.Runtime.Layers;

/// <summary>
/// int8 Conv1d with fused requantization (and ReLU, through <see cref="RequantizationPlan.Min"/>). The reference is
/// the executable definition: acc = sum_i sum_k w[o][i][k] * q[i][t*stride + k] + Correction[o] in int32, then
/// <see cref="Requantizer.Requantize(int, float, float, int, int)"/>. The plan proves the accumulator cannot overflow.
/// </summary>
public static partial class Conv1dInt8Kernel
{
    /// <summary>The int8 Conv1d by its definition: exact int32 window sums, requantized by <paramref name="plan"/> to uint8 codes.</summary>
    public static void RunReference(ReadOnlySpan<byte> input, ReadOnlySpan<sbyte> weights, RequantizationPlan plan, Conv1dShape shape, Span<byte> output)
    {
        int perChannel = shape.WeightsPerChannel;
        for (int o = 0; o < shape.OutChannels; o++)
        {
            ReadOnlySpan<sbyte> channelWeights = weights.Slice(o * perChannel, perChannel);
            for (int t = 0; t < shape.OutputLength; t++)
            {
                int acc = plan.Correction[o];
                int start = t * shape.Stride;
                for (int i = 0; i < shape.InChannels; i++)
                {
                    int row = i * shape.InputLength + start;
                    for (int k = 0; k < shape.KernelSize; k++)
                    {
                        acc += channelWeights[i * shape.KernelSize + k] * input[row + k];
                    }
                }
                output[o * shape.OutputLength + t] =
                    Requantizer.Requantize(acc, plan.Multiplier[o], plan.Offset[o], plan.OutputZeroPoint, plan.Min);
            }
        }
    }
}
