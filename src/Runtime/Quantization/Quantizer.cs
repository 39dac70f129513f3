using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

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

    // The vector forms clamp to [-zp, 255 - zp] before rounding (exact for integer bounds), then round with
    // RoundingMagic. The lower clamp must send NaN to -zp (code 0): x64's maxps returns its second operand when either
    // is NaN and ARM64's fmaxnm returns the number, so both do it in one instruction; elsewhere a compare and select.
    // The clamped value is never NaN, so the upper clamp can be the platform's own min.

    /// <summary>The rule on four lanes; returns codes in [0, 255] as int32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> Quantize(Vector128<float> values, float inverseScale, int zeroPoint)
    {
        Vector128<float> scaled = values * Vector128.Create(inverseScale);
        Vector128<float> low = Vector128.Create((float)-zeroPoint);
        Vector128<float> atLeastLow = Sse.IsSupported ? Sse.Max(scaled, low)
            : AdvSimd.IsSupported ? AdvSimd.MaxNumber(scaled, low)
            : Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(scaled, low), scaled, low);
        return RoundingMagic.RoundPlus(Vector128.MinNative(atLeastLow, Vector128.Create((float)(255 - zeroPoint))), zeroPoint);
    }

    /// <summary>The rule on eight lanes; returns codes in [0, 255] as int32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Quantize(Vector256<float> values, float inverseScale, int zeroPoint)
    {
        Vector256<float> scaled = values * Vector256.Create(inverseScale);
        Vector256<float> low = Vector256.Create((float)-zeroPoint);
        Vector256<float> atLeastLow = Avx.IsSupported ? Avx.Max(scaled, low)
            : Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(scaled, low), scaled, low);
        return RoundingMagic.RoundPlus(Vector256.MinNative(atLeastLow, Vector256.Create((float)(255 - zeroPoint))), zeroPoint);
    }

    /// <summary>The rule on sixteen lanes; returns codes in [0, 255] as int32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> Quantize(Vector512<float> values, float inverseScale, int zeroPoint)
    {
        Vector512<float> scaled = values * Vector512.Create(inverseScale);
        Vector512<float> low = Vector512.Create((float)-zeroPoint);
        Vector512<float> atLeastLow = Avx512F.IsSupported ? Avx512F.Max(scaled, low)
            : Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(scaled, low), scaled, low);
        return RoundingMagic.RoundPlus(Vector512.MinNative(atLeastLow, Vector512.Create((float)(255 - zeroPoint))), zeroPoint);
    }
}
