namespace Kws.Compiler.Quantization;

/// <summary>
/// <c>torch.nn.utils.fusion.fuse_conv_bn_weights</c> (what <c>fuse_modules</c> does to an eval-mode conv + BatchNorm) in
/// PyTorch's float32 steps, so folded weights are bit-identical to PyTorch's:
/// r = 1 / sqrt(var + (float)eps) (torch.rsqrt: a rounded square root, then a rounded division);
/// w' = w * (gamma * r) per output channel; b' = ((b - mean) * r) * gamma + beta.
/// (Model.BatchNormFolding, which <c>kwsc export</c> uses, folds in double and rounds once instead.)
/// </summary>
public static class ConvBatchNormFusion
{
    /// <summary>nn.BatchNorm1d's default eps; a state_dict does not store eps.</summary>
    public const double DefaultEps = 1e-5;

    /// <summary>
    /// Folds a BatchNorm into the convolution before it. <paramref name="weights"/> are [outChannels, ...] row-major;
    /// a missing conv bias counts as zeros, a missing BatchNorm weight as ones and bias as zeros, as in PyTorch.
    /// </summary>
    public static (float[] Weights, float[] Bias) Fuse(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, ReadOnlySpan<float> mean, ReadOnlySpan<float> variance,
        ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, double eps = DefaultEps)
    {
        int channels = mean.Length;
        if (channels == 0 || weights.Length % channels != 0 || variance.Length != channels
            || !(bias.IsEmpty || bias.Length == channels) || !(gamma.IsEmpty || gamma.Length == channels)
            || !(beta.IsEmpty || beta.Length == channels))
        {
            throw new ArgumentException($"a BatchNorm of {channels} channels does not fit a convolution of {weights.Length} weights");
        }
        int perChannel = weights.Length / channels;
        var fusedWeights = new float[weights.Length];
        var fusedBias = new float[channels];
        float epsilon = (float)eps;
        for (int o = 0; o < channels; o++)
        {
            float reciprocalRoot = 1f / MathF.Sqrt(variance[o] + epsilon);
            float g = gamma.IsEmpty ? 1f : gamma[o];
            float factor = g * reciprocalRoot;
            for (int j = 0; j < perChannel; j++)
            {
                fusedWeights[o * perChannel + j] = weights[o * perChannel + j] * factor;
            }
            float centered = (bias.IsEmpty ? 0f : bias[o]) - mean[o];
            float normalized = centered * reciprocalRoot;
            fusedBias[o] = normalized * g + (beta.IsEmpty ? 0f : beta[o]);
        }
        return (fusedWeights, fusedBias);
    }
}
