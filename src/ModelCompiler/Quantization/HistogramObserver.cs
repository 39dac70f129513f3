namespace Kws.Compiler.Quantization;

/// <summary>
/// PyTorch 1.13's <c>HistogramObserver</c> (per tensor, 2048 bins, upsample rate 128): a running histogram over the
/// running [min, max], then the range that minimises the L2 quantization error of that histogram
/// (<see cref="HistogramRangeSearch"/>) turned into a scale and zero point as the MinMax observers do.
/// Reproduced with PyTorch's quirks, because the point is to give its numbers:
/// <list type="bullet">
/// <item>each batch is binned by <c>torch.histc(x, min=int(min), max=int(max))</c>: the bounds are truncated towards
/// zero, values outside the truncated bounds are not counted, and when both truncate to the same integer the batch's
/// own extremes are used, whatever the running range is;</item>
/// <item>a batch that does not widen the range is added bin by bin; one that does is combined by
/// <see cref="HistogramCombination"/>; after a batch of equal values the next batch starts the histogram afresh.</item>
/// </list>
/// </summary>
public sealed class HistogramObserver : IObserver
{
    public const int DefaultBins = 2048;

    private readonly int bins;
    private float[] histogram;
    private float min = float.PositiveInfinity;
    private float max = float.NegativeInfinity;

    public HistogramObserver(ObserverSettings settings, int bins = DefaultBins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        Settings = settings;
        this.bins = bins;
        histogram = new float[bins];
    }

    public ObserverSettings Settings { get; }

    public void Observe(ReadOnlySpan<float> values, ReadOnlySpan<int> shape)
    {
        ObservedBatch.RequireShape(values, shape);
        if (values.IsEmpty)
        {
            return;
        }
        (float batchMin, float batchMax) = ObservedBatch.FiniteRange(values);
        bool uninitialized = float.IsPositiveInfinity(min) && float.IsNegativeInfinity(max);
        if (uninitialized || min == max)
        {
            (min, max) = (batchMin, batchMax);
            histogram = TorchHistc.Histogram(values, bins, Truncate(min), Truncate(max));
            return;
        }
        float combinedMin = Math.Min(batchMin, min);
        float combinedMax = Math.Max(batchMax, max);
        HistogramCombination.Alignment alignment = HistogramCombination.Adjust(min, max, combinedMin, combinedMax, bins);
        float[] combined = TorchHistc.Histogram(values, bins, Truncate(alignment.Min), Truncate(alignment.Max));
        if (alignment.Min == min && alignment.Max == max)
        {
            for (int i = 0; i < bins; i++)
            {
                combined[i] += histogram[i];
            }
        }
        else
        {
            combined = HistogramCombination.Combine(combined, histogram, alignment);
        }
        histogram = combined;
        (min, max) = (alignment.Min, alignment.Max);
    }

    public QuantizationParameters CalculateParameters()
    {
        (float searchedMin, float searchedMax) = SearchRange();
        return QuantizationParameterMath.PerTensor(searchedMin, searchedMax, Settings);
    }

    /// <summary>
    /// The L2-optimal range the qparams are computed from. It does not depend on the settings (the search quantizes to
    /// 256 levels for quint8 and qint8 alike, with or without reduce_range), so one observer serves every setting.
    /// </summary>
    public (float Min, float Max) SearchRange()
    {
        if (float.IsPositiveInfinity(min))
        {
            throw new CalibrationException("the histogram observer saw no values to calibrate from");
        }
        return HistogramRangeSearch.Search(histogram, min, max);
    }

    /// <summary>Python's <c>int()</c> of a float32 bound, as the histc bounds receive it; PyTorch refuses beyond int64.</summary>
    private static double Truncate(float bound) => Math.Abs(bound) < 9.2e18f
        ? Math.Truncate((double)bound)
        : throw new CalibrationException($"the histogram observer cannot bin values as large as {bound} (PyTorch cannot either)");
}
