namespace Kws.Compiler.Quantization.Conversion;

/// <summary>
/// <c>torch.quantize_per_channel</c> / <c>quantize_per_tensor</c> to qint8 as PyTorch 1.13's CPU kernels do it
/// (<c>quantize_val</c>): code = clamp(zero_point + round_half_even(w * (1f / (float)scale)), -128, 127) in float32.
/// </summary>
public static class WeightQuantizer
{
    public static sbyte[] Quantize(ReadOnlySpan<float> weights, QuantizationParameters parameters)
    {
        int channels = parameters.Scales.Length;
        int perChannel = weights.Length / channels;
        var codes = new sbyte[weights.Length];
        for (int o = 0; o < channels; o++)
        {
            float inverse = 1f / parameters.Scales[o];
            int zeroPoint = parameters.ZeroPoints[o];
            for (int j = o * perChannel; j < (o + 1) * perChannel; j++)
            {
                codes[j] = Code(weights[j], inverse, zeroPoint);
            }
        }
        return codes;
    }

    /// <summary>The weight a code stands for, in double: scale * (code - zero point).</summary>
    public static double Dequantize(sbyte code, float scale, int zeroPoint) => (double)scale * (code - zeroPoint);

    public static sbyte Code(float weight, float inverseScale, int zeroPoint)
    {
        float code = MathF.Round(weight * inverseScale, MidpointRounding.ToEven) + zeroPoint;
        return (sbyte)Math.Clamp(code, sbyte.MinValue, sbyte.MaxValue);
    }
}
