namespace Kws.Compiler.Quantization.Calibration;

/// <summary>
/// A histogram of one activation over a fixed range [<see cref="Low"/>, <see cref="High"/>] that contains 0 and every
/// value (calibration's first pass measures the extremes, the second fills this): the input of kwsc's own range
/// choices (percentile, MSE, entropy). Unlike PyTorch's <see cref="HistogramObserver"/> it drops no value and never
/// re-bins, and its counts are integers, so the order the clips are added in cannot change it.
/// </summary>
public sealed class ActivationHistogram
{
    public const int DefaultBins = 8192;

    private readonly long[] counts;
    private readonly double binsPerUnit;

    public ActivationHistogram(float min, float max, int bins = DefaultBins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (!(min <= max) || !float.IsFinite(min) || !float.IsFinite(max))
        {
            throw new ArgumentException($"no histogram over [{min}, {max}]");
        }
        Low = Math.Min(min, 0f);
        High = Math.Max(max, 0f);
        counts = new long[bins];
        binsPerUnit = High > Low ? bins / ((double)High - Low) : 0;
    }

    public float Low { get; }

    public float High { get; }

    public int Bins => counts.Length;

    public double BinWidth => ((double)High - Low) / Bins;

    public ReadOnlySpan<long> Counts => counts;

    public long Total { get; private set; }

    /// <summary>How many of the values were exactly 0 (a ReLU output's dead positions); they are in the bin holding 0 too.</summary>
    public long Zeros { get; private set; }

    /// <summary>The bin that holds 0.</summary>
    public int ZeroBin => (int)Math.Clamp(-(double)Low * binsPerUnit, 0, counts.Length - 1);

    public double Center(int bin) => Low + (bin + 0.5) * BinWidth;

    /// <summary>The lower edge of a bin (<see cref="Bins"/> gives the upper edge of the last).</summary>
    public double Edge(int bin) => Low + bin * BinWidth;

    public void Add(ReadOnlySpan<float> values)
    {
        int last = counts.Length - 1;
        long zeros = 0;
        foreach (float value in values)
        {
            int bin = (int)Math.Clamp((value - (double)Low) * binsPerUnit, 0, last);
            counts[bin]++;
            zeros += value == 0 ? 1 : 0;
        }
        Total += values.Length;
        Zeros += zeros;
    }

    /// <summary>Adds another histogram over the same range (per-thread histograms merged in a fixed order).</summary>
    public void Add(ActivationHistogram other)
    {
        if (other.Bins != Bins || other.Low != Low || other.High != High)
        {
            throw new ArgumentException("histograms over different bins cannot be added");
        }
        for (int i = 0; i < counts.Length; i++)
        {
            counts[i] += other.counts[i];
        }
        Total += other.Total;
        Zeros += other.Zeros;
    }

    /// <summary>The bins merged <paramref name="factor"/> at a time (the last takes the remainder), over the same range.</summary>
    public long[] Merged(int factor)
    {
        var merged = new long[(counts.Length + factor - 1) / factor];
        for (int i = 0; i < counts.Length; i++)
        {
            merged[i / factor] += counts[i];
        }
        return merged;
    }
}
