using Kws.Compiler.Quantization;
using Kws.Compiler.Quantization.Calibration;
using Kws.Compiler.Quantization.Ranges;

namespace Kws.Compiler.Tests.Quantization;

/// <summary>kwsc's own range choices on distributions whose answer is known.</summary>
public class RangeMethodTests
{
    private static readonly ObserverSettings FullRange = new(QuantizedType.QUInt8, Symmetric: false);

    /// <summary>|N(0, 1)| (a ReLU-like one-sided tensor) with a few far outliers, and a quarter exact zeros.</summary>
    private static float[] ReluLike()
    {
        var random = new Random(15);
        var values = new float[200_000];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = i % 4 == 0 ? 0f : (float)Math.Abs(Gaussian(random));
        }
        values[7] = 40f;
        values[11] = 25f;
        return values;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>The squared error of the histogram under the full-range quantizer PyTorch computes for [low, high].</summary>
    private static double ErrorOf(ActivationHistogram histogram, float low, float high)
    {
        (float scale, int zero) = QuantizationParameterMath.Calculate(low, high, FullRange);
        return new QuantizationError(histogram).Of(scale, zero);
    }

    private static ActivationHistogram HistogramOf(float[] values)
    {
        var histogram = new ActivationHistogram(values.Min(), values.Max());
        histogram.Add(values);
        return histogram;
    }

    [Test]
    public void The_histogram_holds_every_value_once_and_counts_the_zeros()
    {
        float[] values = ReluLike();
        ActivationHistogram histogram = HistogramOf(values);
        Assert.Multiple(() =>
        {
            Assert.That(histogram.Total, Is.EqualTo(values.Length));
            Assert.That(histogram.Counts.ToArray().Sum(), Is.EqualTo(values.Length));
            Assert.That(histogram.Zeros, Is.EqualTo(values.Count(v => v == 0)));
            Assert.That((histogram.Low, histogram.High), Is.EqualTo((0f, 40f)));
            Assert.That(histogram.Counts[^1], Is.EqualTo(1), "the largest value lands in the last bin");
        });
    }

    [Test]
    public void Percentiles_cut_where_that_share_of_the_values_lies()
    {
        float[] uniform = [.. Enumerable.Range(0, 100_000).Select(i => i / 1000f - 20f)]; // -20 .. 79.999
        ActivationHistogram histogram = HistogramOf(uniform);
        (float min, float max) = PercentileRange.Choose(histogram, 99);
        Assert.Multiple(() =>
        {
            Assert.That(max, Is.EqualTo(79f).Within(0.02), "99% lie below");
            Assert.That(min, Is.EqualTo(-19f).Within(0.02), "99% lie above");
            Assert.That(PercentileRange.Choose(histogram, 100), Is.EqualTo((-20f, histogram.High)));
            Assert.Throws<ArgumentOutOfRangeException>(() => PercentileRange.Choose(histogram, 40));
        });
    }

    [Test]
    public void The_quantization_error_table_equals_quantizing_every_bin_centre()
    {
        ActivationHistogram histogram = HistogramOf([.. ReluLike().Select(v => v - 0.5f)]);
        var table = new QuantizationError(histogram);
        foreach ((float scale, int zeroPoint) in new[] { (0.01f, 60), (0.05f, 10), (0.2f, 3), (0.003f, 200) })
        {
            double expected = 0;
            for (int j = 0; j < histogram.Bins; j++)
            {
                double c = histogram.Center(j);
                double code = Math.Clamp(Math.Round(c / scale, MidpointRounding.ToEven) + zeroPoint, 0, 255);
                expected += histogram.Counts[j] * Math.Pow(c - scale * (code - zeroPoint), 2);
            }
            Assert.That(table.Of(scale, zeroPoint), Is.EqualTo(expected).Within(1e-9 * expected), $"scale {scale}, zero point {zeroPoint}");
        }
    }

    /// <summary>
    /// With millions of values the rounding error of a range stretched to two far outliers outweighs clipping them
    /// (with the 200,000 of <see cref="ReluLike"/> it does not, and MSE rightly keeps them).
    /// </summary>
    [Test]
    public void The_least_squared_error_range_clips_far_outliers_of_a_large_tensor_and_is_the_best_of_any_grid()
    {
        var random = new Random(4);
        float[] values = [.. Enumerable.Range(0, 2_000_000).Select(_ => (float)Math.Abs(Gaussian(random))), 40f, 25f];
        ActivationHistogram histogram = HistogramOf(values);
        (float min, float max) = MseRange.Choose(histogram, FullRange);
        double Of(float low, float high) => ErrorOf(histogram, low, high);
        Assert.Multiple(() =>
        {
            Assert.That(min, Is.EqualTo(0f));
            Assert.That(max, Is.InRange(5f, 25f), "the outliers are clipped");
            Assert.That(Of(min, max), Is.LessThan(Of(0, 40) * 2 / 3));
            Assert.That(Enumerable.Range(1, 97).Select(k => Of(0, 40f * k / 97)), Has.All.GreaterThanOrEqualTo(Of(min, max)));
        });
    }

    [Test]
    public void The_least_squared_error_range_of_a_two_sided_tensor_beats_every_range_of_a_grid()
    {
        var random = new Random(5);
        float[] values = [.. Enumerable.Range(0, 300_000).Select(_ => (float)(Gaussian(random) * (random.Next(10) == 0 ? 4 : 1) + 0.3))];
        ActivationHistogram histogram = HistogramOf(values);
        (float min, float max) = MseRange.Choose(histogram, FullRange);
        double Of(float low, float high) => ErrorOf(histogram, low, high);
        double best = Of(min, max);
        Assert.Multiple(() =>
        {
            Assert.That(min, Is.LessThan(0f).And.GreaterThanOrEqualTo(histogram.Low));
            Assert.That(max, Is.GreaterThan(0f).And.LessThanOrEqualTo(histogram.High));
            for (int i = 1; i <= 23; i++)
            {
                for (int j = 1; j <= 23; j++)
                {
                    Assert.That(Of(histogram.Low * i / 23, histogram.High * j / 23), Is.GreaterThanOrEqualTo(best * 0.999), $"{i}, {j}");
                }
            }
        });
    }

    [Test]
    public void The_least_squared_error_range_of_a_uniform_tensor_keeps_nearly_all_of_it()
    {
        ActivationHistogram histogram = HistogramOf([.. Enumerable.Range(0, 50_000).Select(i => i / 10_000f)]);
        Assert.That(MseRange.Choose(histogram, FullRange).Max, Is.GreaterThan(4.9f));
    }

    [Test]
    public void Entropy_calibration_clips_a_gaussian_between_two_and_six_deviations_and_ignores_exact_zeros()
    {
        float[] values = ReluLike();
        (float min, float max) = EntropyRange.Choose(HistogramOf(values), FullRange);
        (_, float withoutZeros) = EntropyRange.Choose(HistogramOf([.. values.Where(v => v != 0)]), FullRange);
        Assert.Multiple(() =>
        {
            Assert.That(min, Is.EqualTo(0f));
            Assert.That(max, Is.InRange(2f, 6f));
            Assert.That(max, Is.EqualTo(withoutZeros).Within(0.05));
        });
    }

    [Test]
    public void Entropy_calibration_of_a_two_sided_tensor_is_symmetric_inside_the_extremes()
    {
        var random = new Random(3);
        float[] values = [.. Enumerable.Range(0, 100_000).Select(_ => (float)Gaussian(random)), 30f, -9f];
        (float min, float max) = EntropyRange.Choose(HistogramOf(values), FullRange);
        Assert.Multiple(() =>
        {
            Assert.That(max, Is.InRange(2f, 8f));
            Assert.That(min, Is.EqualTo(-max).Within(1e-6));
        });
    }

    [Test]
    public void Entropy_threshold_keeps_everything_when_there_are_fewer_bins_than_levels()
    {
        Assert.That(EntropyRange.Threshold([5, 0, 3], 256), Is.EqualTo(3));
    }
}
