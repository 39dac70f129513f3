using Kws.Compiler.Checkpoints;

namespace Kws.Compiler.Quantization;

/// <summary>
/// PyTorch 1.13's <c>UniformQuantizationObserverBase._calculate_qparams</c> for one (min, max) pair, in the float32
/// arithmetic its tensors use: the range is widened to include 0; symmetric: scale = max(-min, max) / ((qmax - qmin) / 2),
/// zero point 0 (qint8) or 128 (quint8, even with reduce_range); affine: scale = (max - min) / (qmax - qmin),
/// zero point = qmin - round_half_even(min / scale) clamped to the codes. Scales never go below float32 epsilon.
/// </summary>
public static class QuantizationParameterMath
{
    /// <summary><c>torch.finfo(torch.float32).eps</c>, the observers' default eps (2^-23).</summary>
    public const float Epsilon = 1.1920929E-07f;

    public static (float Scale, int ZeroPoint) Calculate(float min, float max, ObserverSettings settings)
    {
        if (!(min <= max))
        {
            throw new ArgumentException($"min {min} must not exceed max {max}");
        }
        QuantizationRange range = settings.Range;
        float minNegative = Math.Min(min, 0f);
        float maxPositive = Math.Max(max, 0f);
        if (settings.Symmetric)
        {
            float bound = Math.Max(-minNegative, maxPositive);
            float scale = Math.Max(bound / (float)((range.Max - range.Min) / 2.0), Epsilon);
            return (scale, settings.Type == QuantizedType.QUInt8 ? 128 : 0);
        }
        float affineScale = Math.Max((maxPositive - minNegative) / (float)(range.Max - range.Min), Epsilon);
        int zeroPoint = range.Min - (int)MathF.Round(minNegative / affineScale, MidpointRounding.ToEven);
        return (affineScale, Math.Clamp(zeroPoint, range.Min, range.Max));
    }

    /// <summary>Per-tensor parameters from a running minimum and maximum.</summary>
    public static QuantizationParameters PerTensor(float min, float max, ObserverSettings settings)
    {
        (float scale, int zeroPoint) = Calculate(min, max, settings);
        var scheme = settings.Symmetric ? QuantizationScheme.PerTensorSymmetric : QuantizationScheme.PerTensorAffine;
        return new(scheme, settings.Type, settings.Range, [scale], [zeroPoint]);
    }

    /// <summary>Per-channel parameters from running minima and maxima, one pair per channel.</summary>
    public static QuantizationParameters PerChannel(ReadOnlySpan<float> min, ReadOnlySpan<float> max, ObserverSettings settings)
    {
        var scales = new float[min.Length];
        var zeroPoints = new int[min.Length];
        for (int c = 0; c < min.Length; c++)
        {
            (scales[c], zeroPoints[c]) = Calculate(min[c], max[c], settings);
        }
        var scheme = settings.Symmetric ? QuantizationScheme.PerChannelSymmetric : QuantizationScheme.PerChannelAffine;
        return new(scheme, settings.Type, settings.Range, scales, zeroPoints);
    }
}
