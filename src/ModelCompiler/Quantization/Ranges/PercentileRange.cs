using Kws.Compiler.Quantization.Calibration;

namespace Kws.Compiler.Quantization.Ranges;

/// <summary>
/// Percentile clipping: the range keeps <c>p</c> percent of the calibration values below its top and, for a tensor with
/// negative values, <c>p</c> percent above its bottom; the rarest outliers are clipped so the common values get finer
/// steps. Read off the histogram at bin edges, so the range always still holds 0.
/// </summary>
public static class PercentileRange
{
    public static (float Min, float Max) Choose(ActivationHistogram histogram, double percentile)
    {
        if (!(percentile > 50 && percentile <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(percentile), $"a clipping percentile must be in (50, 100], not {percentile}");
        }
        double fraction = percentile / 100;
        float max = (float)Math.Max(0, histogram.Edge(UpperBin(histogram, fraction) + 1));
        float min = histogram.Low < 0 ? (float)Math.Min(0, histogram.Edge(LowerBin(histogram, fraction))) : 0f;
        return (Math.Max(min, histogram.Low), Math.Min(max, histogram.High));
    }

    /// <summary>The first bin at which at least <paramref name="fraction"/> of the values lie at or below.</summary>
    private static int UpperBin(ActivationHistogram histogram, double fraction)
    {
        ReadOnlySpan<long> counts = histogram.Counts;
        double target = fraction * histogram.Total;
        long cumulative = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            cumulative += counts[i];
            if (cumulative >= target)
            {
                return i;
            }
        }
        return counts.Length - 1;
    }

    /// <summary>The last bin at which at least <paramref name="fraction"/> of the values lie at or above.</summary>
    private static int LowerBin(ActivationHistogram histogram, double fraction)
    {
        ReadOnlySpan<long> counts = histogram.Counts;
        double target = fraction * histogram.Total;
        long cumulative = 0;
        for (int i = counts.Length - 1; i >= 0; i--)
        {
            cumulative += counts[i];
            if (cumulative >= target)
            {
                return i;
            }
        }
        return 0;
    }
}
