namespace Kws.Compiler.Quantization;

/// <summary>
/// The checks every observer makes on a batch before it counts: the shape must describe the values, and every value must
/// be finite. PyTorch would let NaN or infinity through and compute a NaN or infinite scale; kwsc refuses them instead.
/// </summary>
internal static class ObservedBatch
{
    public static void RequireShape(ReadOnlySpan<float> values, ReadOnlySpan<int> shape)
    {
        long count = 1;
        foreach (int dimension in shape)
        {
            if (dimension < 0)
            {
                throw new ArgumentException($"negative dimension {dimension} in the shape of an observed batch");
            }
            count *= dimension;
        }
        if (count != values.Length)
        {
            throw new ArgumentException($"an observed batch has {values.Length} values but its shape holds {count}");
        }
    }

    /// <summary>The minimum and maximum of a non-empty batch (<c>torch.aminmax</c>), refusing NaN and infinity.</summary>
    public static (float Min, float Max) FiniteRange(ReadOnlySpan<float> values)
    {
        float min = float.PositiveInfinity;
        float max = float.NegativeInfinity;
        for (int i = 0; i < values.Length; i++)
        {
            float v = values[i];
            if (!float.IsFinite(v))
            {
                throw new CalibrationException($"an observed batch holds {v} at element {i}; calibration needs finite values");
            }
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        return (min, max);
    }
}
