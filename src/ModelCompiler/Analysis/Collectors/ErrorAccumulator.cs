namespace Kws.Compiler.Analysis.Collectors;

/// <summary>
/// Gathers the sums <see cref="ErrorMetrics"/> needs, in double, one pair of tensors at a time, so metrics over many
/// clips are those of all their elements together rather than an average of per-clip figures.
/// </summary>
public sealed class ErrorAccumulator
{
    private long count;
    private double sumError, sumSquaredError, sumAbsoluteError, sumReferenceSquared, sumTestSquared, sumProduct;

    /// <summary>Adds one tensor pair: <paramref name="reference"/> (FP32) and <paramref name="test"/> (dequantized), same length.</summary>
    public void Add(ReadOnlySpan<float> reference, ReadOnlySpan<float> test)
    {
        if (reference.Length != test.Length)
        {
            throw new ArgumentException($"cannot compare {reference.Length} values with {test.Length}", nameof(test));
        }
        for (int i = 0; i < reference.Length; i++)
        {
            double r = reference[i], t = test[i], e = t - r;
            sumError += e;
            sumSquaredError += e * e;
            sumAbsoluteError += Math.Abs(e);
            sumReferenceSquared += r * r;
            sumTestSquared += t * t;
            sumProduct += r * t;
        }
        count += reference.Length;
    }

    public ErrorMetrics ToMetrics()
    {
        if (count == 0)
        {
            throw new InvalidOperationException("no values were compared");
        }
        double mse = sumSquaredError / count;
        double meanError = sumError / count;
        double norms = Math.Sqrt(sumReferenceSquared) * Math.Sqrt(sumTestSquared);
        double cosine = norms > 0 ? sumProduct / norms : sumReferenceSquared == sumTestSquared ? 1 : 0;
        double sqnr = sumSquaredError == 0 ? double.PositiveInfinity : 10 * Math.Log10(sumReferenceSquared / sumSquaredError);
        // Var = E[e²] - E[e]², clamped: rounding can push a near-zero variance below zero.
        double std = Math.Sqrt(Math.Max(0, mse - meanError * meanError));
        return new ErrorMetrics(count, mse, sumAbsoluteError / count, cosine, sqnr, std, meanError);
    }
}
