namespace Kws.Runtime.Kernels.Reference;

/// <summary>
/// Float to uint8, as torch.quantize_per_tensor does on x86: q = clamp(round_half_even(x * (1f / (float)scale)) + zp, 0, 255),
/// all in float32 with the reciprocal taken once (PyTorch multiplies by the inverse scale rather than dividing).
/// NaN maps to 0.
/// </summary>
public static class QuantizeKernel
{
    public static float InverseScale(double scale) => 1f / (float)scale;

    public static void Run(ReadOnlySpan<float> input, float inverseScale, int zeroPoint, Span<byte> output)
    {
        for (int i = 0; i < input.Length; i++)
        {
            float code = MathF.Round(input[i] * inverseScale, MidpointRounding.ToEven) + zeroPoint;
            output[i] = Requantizer.ClampToByte(code, 0);
        }
    }
}
