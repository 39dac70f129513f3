using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Kws.Runtime.Quantization;

/// <summary>
/// The one rule that turns float values into uint8 codes, as torch.quantize_per_tensor does on x86:
/// q = clamp(round_half_even(x * inverseScale) + zeroPoint, 0, 255) in float32, with the reciprocal of the scale taken
/// once (PyTorch multiplies by the inverse scale rather than dividing); NaN gives code 0. Both engines call it (the
/// quantize layer of the interpreter and of the generated code); the vector forms are proven equal by QuantizerTests.
/// </summary>
public static class Quantizer
{
    /// <summary>The float32 reciprocal PyTorch multiplies by: 1f / (float)scale.</summary>
    public static float InverseScale(double scale) => 1f / (float)scale;

    /// <summary>The uint8 code of <paramref name="value"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Quantize(float value, float inverseScale, int zeroPoint)
    {
        float code = MathF.Round(value * inverseScale, MidpointRounding.ToEven) + zeroPoint;
        return Requantizer.ClampToByte(code, 0);
    }

    // The vector forms clamp to [-zp, 255 - zp] before rounding (exact for integer bounds): NaN fails the first test
    // and becomes -zp, code 0, and the clamped value converts exactly on every platform.

    /// <summary>The rule on four lanes; returns codes in [0, 255] as int32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> Quantize(Vector128<float> values, float inverseScale, int zeroPoint)
    {
        Vector128<float> scaled = values * Vector128.Create(inverseScale);
        Vector128<float> low = Vector128.Create((float)-zeroPoint), high = Vector128.Create((float)(255 - zeroPoint));
        scaled = Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(scaled, low), scaled, low);
        scaled = Vector128.ConditionalSelect(Vector128.GreaterThan(scaled, high), high, scaled);
        return Vector128.ConvertToInt32Native(Vector128.Round(scaled)) + Vector128.Create(zeroPoint);
    }

    /// <summary>The rule on eight lanes; returns codes in [0, 255] as int32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Quantize(Vector256<float> values, float inverseScale, int zeroPoint)
    {
        Vector256<float> scaled = values * Vector256.Create(inverseScale);
        Vector256<float> low = Vector256.Create((float)-zeroPoint), high = Vector256.Create((float)(255 - zeroPoint));
        scaled = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(scaled, low), scaled, low);
        scaled = Vector256.ConditionalSelect(Vector256.GreaterThan(scaled, high), high, scaled);
        return Vector256.ConvertToInt32Native(Vector256.Round(scaled)) + Vector256.Create(zeroPoint);
    }

    /// <summary>The rule on sixteen lanes; returns codes in [0, 255] as int32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> Quantize(Vector512<float> values, float inverseScale, int zeroPoint)
    {
        Vector512<float> scaled = values * Vector512.Create(inverseScale);
        Vector512<float> low = Vector512.Create((float)-zeroPoint), high = Vector512.Create((float)(255 - zeroPoint));
        scaled = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(scaled, low), scaled, low);
        scaled = Vector512.ConditionalSelect(Vector512.GreaterThan(scaled, high), high, scaled);
        return Vector512.ConvertToInt32Native(Vector512.Round(scaled)) + Vector512.Create(zeroPoint);
    }
}
