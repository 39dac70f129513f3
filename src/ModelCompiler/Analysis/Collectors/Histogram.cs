namespace Kws.Compiler.Analysis.Collectors;

/// <summary>
/// Counts of values in equal-width bins over [<see cref="Min"/>, <see cref="Max"/>]. Values outside the range land in
/// the first or last bin, so nothing seen is dropped (the activation plots rely on that to show clipping).
/// </summary>
public sealed class Histogram
{
    public Histogram(double min, double max, int bins)
    {
        if (bins < 1 || !(max > min))
        {
            throw new ArgumentException($"a histogram needs at least one bin and min < max (got {bins} bins over [{min}, {max}])");
        }
        Min = min;
        Max = max;
        Counts = new long[bins];
    }

    public double Min { get; }
    public double Max { get; }
    public long[] Counts { get; }

    public double BinWidth => (Max - Min) / Counts.Length;

    /// <summary>Centre of bin <paramref name="bin"/>.</summary>
    public double Center(int bin) => Min + (bin + 0.5) * BinWidth;

    public void Add(double value)
    {
        int bin = (int)Math.Floor((value - Min) / BinWidth);
        Counts[Math.Clamp(bin, 0, Counts.Length - 1)]++;
    }

    public void AddRange(ReadOnlySpan<float> values)
    {
        foreach (float v in values)
        {
            Add(v);
        }
    }

    /// <summary>A histogram of <paramref name="values"/> over a range symmetric about zero that holds them all.</summary>
    public static Histogram SymmetricOf(ReadOnlySpan<float> values, int bins)
    {
        double limit = 0;
        foreach (float v in values)
        {
            limit = Math.Max(limit, Math.Abs(v));
        }
        limit = limit == 0 ? 1 : limit;
        var histogram = new Histogram(-limit, limit, bins);
        histogram.AddRange(values);
        return histogram;
    }

    /// <summary>One bin per int8 code, -128..127.</summary>
    public static Histogram OfInt8Codes(ReadOnlySpan<sbyte> codes)
    {
        var histogram = new Histogram(-128.5, 127.5, 256);
        foreach (sbyte c in codes)
        {
            histogram.Add(c);
        }
        return histogram;
    }
}
