namespace Kws.Runtime.Kernels.Reference;

/// <summary>
/// The one requantization rule of int8 Conv1d and Linear (docs/quantization.md), measured against PyTorch 1.13's
/// onednn kernels: q = clamp(round_half_even((float)acc * multiplier + offset) + zeroPoint, min, 255), where the
/// multiply and the add are separate float32 operations (never fused) and ties round to even.
/// </summary>
public static class Requantizer
{
    public static byte Requantize(int accumulator, float multiplier, float offset, int zeroPoint, int min)
    {
        float scaled = (float)accumulator * multiplier;
        float shifted = scaled + offset;
        // The rounded value is an integer-valued float; adding the zero point is exact below 2^24 and anything
        // larger is clamped anyway, so the clamp can stay in float and never overflows an int conversion.
        float code = MathF.Round(shifted, MidpointRounding.ToEven) + zeroPoint;
        return ClampToByte(code, min);
    }

    /// <summary>Clamps an integer-valued float to [min, 255]; NaN becomes min.</summary>
    public static byte ClampToByte(float code, int min)
    {
        if (!(code >= min))
        {
            return (byte)min;
        }
        return code > 255f ? (byte)255 : (byte)(int)code;
    }
}
