using System.Runtime.CompilerServices;
using Kws.Runtime.Quantization;

namespace Kws.Runtime.Layers;

/// <summary>
/// F.adaptive_avg_pool1d(x, 1) on each channel, the reference and only kernel. On uint8 codes, PyTorch 1.13 (onednn
/// engine) runs one of two kernels, measured to the code (tests/Runtime.Tests/Kernels/AdaptiveAvgPool1dKernelTests):
/// <list type="bullet">
/// <item>more than one channel (the NCHW kernel): q_out = round_half_even((float)sum(q) * (1f / length)), the mean of
/// the codes themselves, since the output keeps the input's scale and zero point;</item>
/// <item>one channel (the tensor is also channels-last, so the NHWC kernel runs):
/// q_out = clamp(round_half_even((float)(sum(q) - length * zp) * inv) + zp, 0, 255), where inv is 1f / (1f / m) and
/// m = 1f / length (PyTorch passes 1 / multiplier as a scale and inverts it again).</item>
/// </list>
/// Both differ from avg_pool1d's rule (<see cref="GlobalAvgPool1dKernel"/>) on ties.
/// </summary>
public static class AdaptiveAvgPool1dKernel
{
    /// <summary>The float32 factor of the many-channel rule: 1f / length, a float32 division.</summary>
    public static float Reciprocal(int length) => 1f / length;

    /// <summary>The float32 factor of the one-channel rule: PyTorch's 1f / (1f / (1f / length)).</summary>
    public static float SingleChannelFactor(int length) => 1f / (1f / Reciprocal(length));

    /// <summary>One channel's output code from the sum of its codes, when the tensor has more than one channel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Average(int sum, float reciprocal)
    {
        float mean = (float)sum * reciprocal;
        return Requantizer.ClampToByte(MathF.Round(mean, MidpointRounding.ToEven), 0);
    }

    /// <summary>The output code of a single-channel tensor from the sum of its codes.</summary>
    public static byte AverageSingleChannel(int sum, int length, int zeroPoint)
    {
        float centred = (float)(sum - length * zeroPoint) * SingleChannelFactor(length);
        return Requantizer.ClampToByte(MathF.Round(centred, MidpointRounding.ToEven) + zeroPoint, 0);
    }

    /// <summary>On uint8 codes: each of <paramref name="channels"/> channels of <paramref name="input"/> averaged into one code.</summary>
    public static void Run(ReadOnlySpan<byte> input, int channels, int zeroPoint, Span<byte> output)
    {
        int length = input.Length / channels;
        float reciprocal = Reciprocal(length);
        for (int c = 0; c < channels; c++)
        {
            int sum = 0;
            foreach (byte q in input.Slice(c * length, length))
            {
                sum += q;
            }
            output[c] = channels == 1 ? AverageSingleChannel(sum, length, zeroPoint) : Average(sum, reciprocal);
        }
    }

    /// <summary>On floats: the sum of each channel in order, divided by the length, as PyTorch's float kernel.</summary>
    public static void Run(ReadOnlySpan<float> input, int channels, Span<float> output)
    {
        int length = input.Length / channels;
        for (int c = 0; c < channels; c++)
        {
            float sum = 0f;
            foreach (float x in input.Slice(c * length, length))
            {
                sum += x;
            }
            output[c] = sum / length;
        }
    }
}
