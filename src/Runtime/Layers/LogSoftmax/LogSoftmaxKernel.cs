namespace Kws.Runtime.Layers;

/// <summary>log_softmax in float32, as PyTorch computes it: x - max - log(sum(exp(x - max))). The reference and only kernel.</summary>
public static class LogSoftmaxKernel
{
    /// <summary>log(softmax(input)) in float32, the maximum subtracted first for stability.</summary>
    public static void Run(ReadOnlySpan<float> input, Span<float> output)
    {
        float max = input[0];
        for (int i = 1; i < input.Length; i++)
        {
            max = input[i] > max ? input[i] : max;
        }
        float sum = 0f;
        for (int i = 0; i < input.Length; i++)
        {
            sum += MathF.Exp(input[i] - max);
        }
        float logSum = MathF.Log(sum);
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = input[i] - max - logSum;
        }
    }
}
