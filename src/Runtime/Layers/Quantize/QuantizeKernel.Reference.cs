using Kws.Runtime.Quantization;

namespace Kws.Runtime.Layers;

/// <summary>Float to uint8 by <see cref="Quantizer"/>'s rule, one value at a time: the reference.</summary>
public static partial class QuantizeKernel
{
    /// <summary>uint8 codes of float values, one <see cref="Quantization.Quantizer.Quantize(float, float, int)"/> per value.</summary>
    public static void RunReference(ReadOnlySpan<float> input, float inverseScale, int zeroPoint, Span<byte> output)
    {
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = Quantizer.Quantize(input[i], inverseScale, zeroPoint);
        }
    }
}
