using Kws.Compiler.Quantization.Calibration;

namespace Kws.Compiler.Quantization.Ranges;

/// <summary>
/// Entropy calibration as TensorRT describes it (8-bit inference with TensorRT, Migacz 2017): the magnitudes |x| go into
/// 2048 bins; for every candidate threshold of i bins (from the number of levels up to all 2048), the reference
/// distribution P is the first i bins with everything beyond added to the last, Q is those i bins merged into as many
/// groups as there are quantization levels and spread back evenly over the bins that were not empty; the threshold
/// whose Q loses the least information, KL(P || Q), wins. A one-sided tensor (a ReLU output) gets [0, threshold]; a
/// two-sided one [-threshold, threshold], cut to the measured extremes. Values that are exactly 0 are left out: any
/// range quantizes them exactly, and a ReLU output's spike of zeros, spread over the first group of Q, would otherwise
/// decide the threshold on its own (measured on the bundled model: thresholds at a quarter of the range, SQNR 11 dB).
/// </summary>
public static class EntropyRange
{
    public const int Bins = 2048;

    /// <summary>What zero bins of P and Q are lifted to, taken from the non-empty ones, so KL stays finite.</summary>
    private const double Smoothing = 1e-4;

    public static (float Min, float Max) Choose(ActivationHistogram histogram, ObserverSettings settings)
    {
        double extent = Math.Max(-(double)histogram.Low, histogram.High);
        if (extent == 0)
        {
            return (0f, 0f);
        }
        bool twoSided = histogram.Low < 0 && histogram.High > 0;
        QuantizationRange range = settings.Range;
        int codes = range.Max - range.Min + 1;
        // Levels on one side of zero: all codes for an affine one-sided range, half of them otherwise.
        int levels = twoSided || settings.Symmetric ? codes / 2 : codes;
        double[] magnitudes = Magnitudes(histogram, extent);
        double threshold = Threshold(magnitudes, levels) * extent / Bins;
        float min = histogram.Low < 0 ? (float)Math.Max(histogram.Low, -threshold) : 0f;
        float max = histogram.High > 0 ? (float)Math.Min(histogram.High, threshold) : 0f;
        return (min, max);
    }

    /// <summary>The histogram of |x| over [0, extent] in <see cref="Bins"/> bins, each fine bin counted at its centre.</summary>
    private static double[] Magnitudes(ActivationHistogram histogram, double extent)
    {
        var magnitudes = new double[Bins];
        for (int j = 0; j < histogram.Bins; j++)
        {
            int bin = (int)Math.Min(Bins - 1, Math.Abs(histogram.Center(j)) / extent * Bins);
            magnitudes[bin] += histogram.Counts[j] - (j == histogram.ZeroBin ? histogram.Zeros : 0);
        }
        return magnitudes;
    }

    /// <summary>The number of bins i whose upper edge is the threshold with the least KL(P || Q); the first on ties.</summary>
    internal static int Threshold(double[] histogram, int levels)
    {
        if (levels >= histogram.Length)
        {
            return histogram.Length;
        }
        double beyond = histogram.Sum();
        for (int i = 0; i < levels; i++)
        {
            beyond -= histogram[i];
        }
        int best = histogram.Length;
        double bestDivergence = double.PositiveInfinity;
        var p = new double[histogram.Length];
        var q = new double[histogram.Length];
        for (int i = levels; i <= histogram.Length; i++)
        {
            Array.Copy(histogram, p, i);
            p[i - 1] += beyond;
            Array.Clear(q, 0, i);
            for (int g = 0; g < levels; g++)
            {
                int start = (int)((long)g * i / levels), end = (int)((long)(g + 1) * i / levels);
                double total = 0;
                int nonEmpty = 0;
                for (int j = start; j < end; j++)
                {
                    total += histogram[j];
                    nonEmpty += p[j] != 0 ? 1 : 0;
                }
                for (int j = start; j < end; j++)
                {
                    q[j] = p[j] != 0 ? total / nonEmpty : 0;
                }
            }
            double divergence = Divergence(p.AsSpan(0, i), q.AsSpan(0, i));
            if (divergence < bestDivergence)
            {
                (best, bestDivergence) = (i, divergence);
            }
            if (i < histogram.Length)
            {
                beyond -= histogram[i];
            }
        }
        return best;
    }

    /// <summary>KL(P || Q) of two non-negative count vectors, each normalised after lifting its zero entries.</summary>
    private static double Divergence(Span<double> p, Span<double> q)
    {
        Smooth(p);
        Smooth(q);
        double pTotal = 0, qTotal = 0;
        foreach (double v in p) pTotal += v;
        foreach (double v in q) qTotal += v;
        if (!(pTotal > 0) || !(qTotal > 0))
        {
            return double.PositiveInfinity;
        }
        double divergence = 0;
        for (int j = 0; j < p.Length; j++)
        {
            if (p[j] > 0)
            {
                double pj = p[j] / pTotal, qj = q[j] / qTotal;
                divergence += qj > 0 ? pj * Math.Log(pj / qj) : double.PositiveInfinity;
            }
        }
        return divergence;
    }

    /// <summary>Lifts empty entries to <see cref="Smoothing"/>, taking the same total evenly from the others.</summary>
    private static void Smooth(Span<double> counts)
    {
        int zeros = 0;
        foreach (double v in counts) zeros += v == 0 ? 1 : 0;
        int nonZeros = counts.Length - zeros;
        if (zeros == 0 || nonZeros == 0)
        {
            return;
        }
        double taken = Smoothing * zeros / nonZeros;
        for (int j = 0; j < counts.Length; j++)
        {
            counts[j] = counts[j] == 0 ? Smoothing : counts[j] - taken;
        }
    }
}
