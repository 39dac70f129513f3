using System.Runtime.CompilerServices;
using Kws.Runtime.Quantization;

namespace Kws.Runtime.Layers;

/// <summary>
/// Both average pools to length 1 on uint8 codes when the manifest's engine is qnnpack: PyTorch 1.13 runs QNNPACK's
/// average-pooling kernel for avg_pool1d(x, L) and for adaptive_avg_pool1d(x, 1) alike (the adaptive pool of a length-1
/// input falls back to the default kernel, which is the identity there, and so is this rule). Measured to the code by
/// models/recipe/measure_qnnpack.py: acc = sum(q) - length * zp in int32, then
/// q_out = clamp(round_half_even((float)acc * factor) + zp, 0, 255) with factor = s / (s * length) in float32
/// (QNNPACK's input_scale / (output_scale * pooling_size) with the one scale narrowed to float32): not always 1f / length.
/// The output keeps the input's scale and zero point. PyTorch's qnnpack refuses a pool over one element ("1x1 pooling
/// is meaningless"); there the rule is the identity, as every other engine's.
/// </summary>
public static class QnnpackAveragePoolKernel
{
    /// <summary>The float32 factor QNNPACK multiplies the centred sum by.</summary>
    public static float Factor(double scale, int length)
    {
        float s = (float)scale;
        return s / (s * length);
    }

    /// <summary>One channel's output code from its centred sum (sum of codes minus length * zero point).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Average(int centredSum, float factor, int zeroPoint)
    {
        float code = MathF.Round((float)centredSum * factor, MidpointRounding.ToEven) + zeroPoint;
        return Requantizer.ClampToByte(code, 0);
    }

    /// <summary>The interpreter's kernel: every channel of a channels-first input averaged to one code.</summary>
    internal static void Run(ReadOnlySpan<byte> input, int channels, int zeroPoint, float factor, Span<byte> output)
    {
        int length = input.Length / channels;
        for (int c = 0; c < channels; c++)
        {
            int sum = 0;
            foreach (byte q in input.Slice(c * length, length))
            {
                sum += q;
            }
            output[c] = Average(sum - length * zeroPoint, factor, zeroPoint);
        }
    }
}
