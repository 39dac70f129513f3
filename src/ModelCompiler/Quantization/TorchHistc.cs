namespace Kws.Compiler.Quantization;

/// <summary>
/// <c>torch.histc(x, bins, min, max)</c> on the CPU as PyTorch 1.13 computes it: equal bins between float32 edges
/// (min, max), or the data's own extremes when min == max (widened by 1 each way if those are equal too); a value goes
/// to bin <c>(long)((x - left) * bins / (right - left))</c> in float32, the right edge into the last bin, and values
/// outside the edges are not counted at all.
/// </summary>
internal static class TorchHistc
{
    public static float[] Histogram(ReadOnlySpan<float> values, int bins, double min, double max)
    {
        if (min == max)
        {
            (float dataMin, float dataMax) = ObservedBatch.FiniteRange(values);
            (min, max) = (dataMin, dataMax);
        }
        if (min == max)
        {
            (min, max) = (min - 1, max + 1);
        }
        float left = (float)min;
        float right = (float)max;
        float width = right - left;
        var histogram = new float[bins];
        foreach (float value in values)
        {
            if (!(value >= left && value <= right))
            {
                continue;
            }
            long bin = (long)((value - left) * bins / width);
            histogram[bin == bins ? bins - 1 : bin] += 1f;
        }
        return histogram;
    }
}
