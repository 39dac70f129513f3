namespace Kws.Compiler.Quantization;

/// <summary>
/// How PyTorch 1.13's <c>HistogramObserver</c> merges the histogram it holds with a batch whose range is wider
/// (<c>_adjust_min_max</c> and <c>_combine_histograms</c>), in the same float32 and float64 steps. The held histogram is
/// upsampled <see cref="UpsampleRate"/> times onto a fine grid, placed where its minimum falls in the combined range,
/// integrated in double, and read back every <c>downsampleRate</c> fine bins. PyTorch materialises the fine grid
/// (bins x downsampleRate floats, unbounded when a batch's range dwarfs the previous ones); this walks it instead.
/// </summary>
internal static class HistogramCombination
{
    public const int UpsampleRate = 128;

    /// <summary>The combined range widened at the top to a whole number of held bins, and where the held histogram starts in it.</summary>
    public readonly record struct Alignment(float Min, float Max, long DownsampleRate, long StartIndex);

    /// <summary><c>_adjust_min_max</c>: aligns the combined range with a grid of the held range's bin width / upsample rate.</summary>
    public static Alignment Adjust(float heldMin, float heldMax, float combinedMin, float combinedMax, int bins)
    {
        float fineWidth = (heldMax - heldMin) / (bins * UpsampleRate);
        float heldBinWidth = bins * fineWidth;
        float downsample = MathF.Ceiling((combinedMax - combinedMin) / heldBinWidth);
        if (!(fineWidth > 0f) || !float.IsFinite(downsample) || downsample > int.MaxValue)
        {
            throw new CalibrationException(
                $"the histogram observer cannot combine the range [{heldMin}, {heldMax}] with [{combinedMin}, {combinedMax}] (PyTorch cannot either)");
        }
        float extra = downsample * heldBinWidth - (combinedMax - combinedMin);
        float start = MathF.Round((heldMin - combinedMin) / fineWidth, MidpointRounding.ToEven);
        return new Alignment(combinedMin, combinedMax + extra, (long)downsample, (long)start);
    }

    /// <summary>
    /// <c>_combine_histograms</c>: the batch's histogram over the combined range plus the held histogram resampled onto
    /// it. Each output bin k receives (I(k) - (float)I(k - 1)) / upsampleRate, where I is the double running sum of the
    /// fine grid up to the end of bin k, as PyTorch's float32 "shifted" copy rounds I(k - 1).
    /// </summary>
    public static float[] Combine(float[] batchHistogram, float[] held, Alignment alignment)
    {
        int bins = held.Length;
        long fineBins = (long)bins * UpsampleRate;
        long length = bins * alignment.DownsampleRate;
        if (alignment.StartIndex < 0 || alignment.StartIndex + fineBins > length)
        {
            // PyTorch's slice assignment fails with a size mismatch here.
            throw new CalibrationException("the histogram observer cannot place the histogram it holds in the combined range (PyTorch cannot either)");
        }
        var combined = (float[])batchHistogram.Clone();
        double integral = 0.0;
        long fine = 0;
        double previous = 0.0;
        for (int k = 0; k < bins; k++)
        {
            long end = Math.Min((k + 1) * alignment.DownsampleRate, alignment.StartIndex + fineBins);
            for (long position = Math.Max(fine, alignment.StartIndex); position < end; position++)
            {
                integral += held[(position - alignment.StartIndex) / UpsampleRate];
            }
            fine = Math.Max(fine, end);
            double shifted = (float)previous;
            combined[k] += (float)((integral - shifted) / UpsampleRate);
            previous = integral;
        }
        return combined;
    }
}
