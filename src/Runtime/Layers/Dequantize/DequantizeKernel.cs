namespace Kws.Runtime.Layers;

/// <summary>uint8 to float, as Tensor.dequantize(): x = (float)scale * (q - zp), in float32. The reference and only kernel.</summary>
public static class DequantizeKernel
{
    /// <summary>Real values of uint8 codes: scale * (q - zeroPoint), in float32.</summary>
    public static void Run(ReadOnlySpan<byte> input, float scale, int zeroPoint, Span<float> output)
    {
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = scale * (input[i] - zeroPoint);
        }
    }
}
