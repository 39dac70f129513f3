namespace Kws.Host.Benchmarking;

/// <summary>Order statistics of repeated timings, in microseconds: the median and how far the runs spread around it.</summary>
internal sealed record TimingSummary(int Runs, double Min, double P25, double Median, double P75, double Max)
{
    public static TimingSummary Of(double[] microseconds)
    {
        if (microseconds.Length == 0)
        {
            throw new ArgumentException("no timings to summarise", nameof(microseconds));
        }
        double[] sorted = (double[])microseconds.Clone();
        Array.Sort(sorted);
        return new TimingSummary(sorted.Length, sorted[0], Quantile(sorted, 0.25), Quantile(sorted, 0.5),
            Quantile(sorted, 0.75), sorted[^1]);
    }

    /// <summary>Interquartile range: the spread of the middle half of the runs.</summary>
    public double InterquartileRange => P75 - P25;

    // Linear interpolation between the two nearest ranks.
    private static double Quantile(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int lower = (int)Math.Floor(position);
        int upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }
}
