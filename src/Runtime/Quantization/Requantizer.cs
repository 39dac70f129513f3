using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Kws.Runtime.Quantization;

/// <summary>
/// The one requantization rule of int8 Conv1d and Linear (docs/quantization.md), measured against PyTorch 1.13's
/// onednn kernels: q = clamp(round_half_even(((float)acc + offset) * multiplier) + zeroPoint, min, 255), where the
/// offset is the bias in accumulator units (<see cref="RequantizationPlan"/>), the add and the multiply are float32
/// operations and ties round to even. Both engines call these
/// methods — the interpreter's kernels and the generated code — so there is one definition; the vector forms are
/// proven equal to the scalar one by RequantizerTests (ties, clamping order, saturation).
/// </summary>
public static class Requantizer
{
    /// <summary>The definition, one accumulator at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Requantize(int accumulator, float multiplier, float offset, int zeroPoint, int min)
    {
        float biased = (float)accumulator + offset;
        float shifted = biased * multiplier;
        // The rounded value is an integer-valued float; adding the zero point is exact below 2^24 and anything
        // larger is clamped anyway, so the clamp can stay in float and never overflows an int conversion.
        float code = MathF.Round(shifted, MidpointRounding.ToEven) + zeroPoint;
        return ClampToByte(code, min);
    }

    /// <summary>Clamps an integer-valued float to [min, 255]; NaN becomes min.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte ClampToByte(float code, int min)
    {
        if (!(code >= min))
        {
            return (byte)min;
        }
        return code > 255f ? (byte)255 : (byte)(int)code;
    }

    // The vector forms move the clamp before the rounding: for integer bounds,
    // round(clamp(s, min - zp, 255 - zp)) + zp equals clamp(round(s) + zp, min, 255). s is never NaN
    // (RequantizationPlan rejects non-finite multipliers and offsets), so the Native min and max give the same answer
    // on every platform. The clamped value lies in [-255, 255], so it is rounded by RoundingMagic.Round below.

    /// <summary>The rule on four lanes; returns codes in [min, 255] as int32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> Requantize(Vector128<int> accumulator, Vector128<float> multiplier, Vector128<float> offset, int zeroPoint, int min)
    {
        Vector128<float> biased = Vector128.ConvertToSingle(accumulator) + offset;
        Vector128<float> shifted = biased * multiplier;
        shifted = Vector128.MinNative(Vector128.MaxNative(shifted, Vector128.Create((float)(min - zeroPoint))), Vector128.Create((float)(255 - zeroPoint)));
        return RoundingMagic.RoundPlus(shifted, zeroPoint);
    }

    /// <summary>The rule on eight lanes; returns codes in [min, 255] as int32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Requantize(Vector256<int> accumulator, Vector256<float> multiplier, Vector256<float> offset, int zeroPoint, int min)
    {
        Vector256<float> biased = Vector256.ConvertToSingle(accumulator) + offset;
        Vector256<float> shifted = biased * multiplier;
        shifted = Vector256.MinNative(Vector256.MaxNative(shifted, Vector256.Create((float)(min - zeroPoint))), Vector256.Create((float)(255 - zeroPoint)));
        return RoundingMagic.RoundPlus(shifted, zeroPoint);
    }

    /// <summary>The rule on sixteen lanes; returns codes in [min, 255] as int32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> Requantize(Vector512<int> accumulator, Vector512<float> multiplier, Vector512<float> offset, int zeroPoint, int min)
    {
        Vector512<float> biased = Vector512.ConvertToSingle(accumulator) + offset;
        Vector512<float> shifted = biased * multiplier;
        shifted = Vector512.MinNative(Vector512.MaxNative(shifted, Vector512.Create((float)(min - zeroPoint))), Vector512.Create((float)(255 - zeroPoint)));
        return RoundingMagic.RoundPlus(shifted, zeroPoint);
    }
}
