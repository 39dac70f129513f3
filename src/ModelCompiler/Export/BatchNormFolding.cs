namespace Kws.Compiler.Export;

/// <summary>
/// Folds an eval-mode BatchNorm1d into the Conv1d before it, in double precision:
/// w' = w * gamma / sqrt(var + eps), b' = (b - mean) * gamma / sqrt(var + eps) + beta (what torch's fuse_conv_bn_eval
/// computes in float32).
/// </summary>
public static class BatchNormFolding
{
    /// <summary>nn.BatchNorm1d's default eps, which the M5 uses; a state_dict does not store eps.</summary>
    public const double DefaultEps = 1e-5;

    public static (float[] Weights, float[] Bias) Fold(
        double[] weights, double[]? bias, double[] gamma, double[] beta, double[] mean, double[] variance, double eps = DefaultEps)
    {
        int outChannels = gamma.Length;
        int perChannel = weights.Length / outChannels;
        var folded = new float[weights.Length];
        var foldedBias = new float[outChannels];
        for (int o = 0; o < outChannels; o++)
        {
            double factor = gamma[o] / Math.Sqrt(variance[o] + eps);
            for (int j = 0; j < perChannel; j++)
            {
                folded[o * perChannel + j] = (float)(weights[o * perChannel + j] * factor);
            }
            foldedBias[o] = (float)(((bias?[o] ?? 0.0) - mean[o]) * factor + beta[o]);
        }
        return (folded, foldedBias);
    }
}
