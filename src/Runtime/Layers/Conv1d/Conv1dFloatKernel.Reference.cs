namespace Kws.Runtime.Layers;

/// <summary>
/// float32 Conv1d (BatchNorm folded into weights and bias by kwsc), optional ReLU. The reference is the definition:
/// out[o][t] = bias[o] + sum_i sum_k w[o][i][k] * x[i][t*stride + k], summed in that order in float32.
/// </summary>
public static partial class Conv1dFloatKernel
{
    /// <summary>The float32 Conv1d by its definition: bias plus the window sum per output position, then ReLU when fused.</summary>
    public static void RunReference(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, bool relu, Conv1dShape shape, Span<float> output)
    {
        int perChannel = shape.WeightsPerChannel;
        for (int o = 0; o < shape.OutChannels; o++)
        {
            ReadOnlySpan<float> channelWeights = weights.Slice(o * perChannel, perChannel);
            for (int t = 0; t < shape.OutputLength; t++)
            {
                float sum = 0f;
                int start = t * shape.Stride;
                for (int i = 0; i < shape.InChannels; i++)
                {
                    int row = i * shape.InputLength + start;
                    for (int k = 0; k < shape.KernelSize; k++)
                    {
                        sum += channelWeights[i * shape.KernelSize + k] * input[row + k];
                    }
                }
                float value = sum + bias[o];
                output[o * shape.OutputLength + t] = relu && !(value > 0f) ? 0f : value;
            }
        }
    }
}
