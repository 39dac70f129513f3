using Kws.Runtime.Quantization;

namespace Kws.Runtime.Layers;

/// <summary>
/// int8 Linear with fused requantization. The reference: acc = sum_i w[o][i] * q[i] + Correction[o] in int32, then
/// <see cref="Requantizer.Requantize(int, float, float, int, int)"/>; the input is the flattened [channels][length] activation.
/// </summary>
public static partial class LinearInt8Kernel
{
    /// <summary>The int8 Linear by its definition: exact int32 sums, requantized by <paramref name="plan"/> to uint8 codes.</summary>
    public static void RunReference(ReadOnlySpan<byte> input, ReadOnlySpan<sbyte> weights, RequantizationPlan plan, int outFeatures, Span<byte> output)
    {
        int inFeatures = input.Length;
        for (int o = 0; o < outFeatures; o++)
        {
            ReadOnlySpan<sbyte> row = weights.Slice(o * inFeatures, inFeatures);
            int acc = plan.Correction[o];
            for (int i = 0; i < inFeatures; i++)
            {
                acc += row[i] * input[i];
            }
            output[o] = Requantizer.Requantize(acc, plan.Multiplier[o], plan.Offset[o], plan.OutputZeroPoint, plan.Min);
        }
    }
}
