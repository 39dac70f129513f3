namespace Kws.Runtime.Layers;

/// <summary>float32 Linear, optional ReLU. The reference: out[o] = bias[o] + sum_i w[o][i] * x[i], summed in that order.</summary>
public static partial class LinearFloatKernel
{
    /// <summary>The float32 Linear by its definition: bias plus the weighted sum per output feature, then ReLU when fused.</summary>
    public static void RunReference(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, bool relu, Span<float> output)
    {
        int inFeatures = input.Length;
        for (int o = 0; o < bias.Length; o++)
        {
            ReadOnlySpan<float> row = weights.Slice(o * inFeatures, inFeatures);
            float sum = 0f;
            for (int i = 0; i < inFeatures; i++)
            {
                sum += row[i] * input[i];
            }
            float value = sum + bias[o];
            output[o] = relu && !(value > 0f) ? 0f : value;
        }
    }
}
