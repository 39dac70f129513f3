using Kws.Compiler.Analysis.Collectors;

namespace Kws.Compiler.Tests.Analysis;

public sealed class HistogramTests
{
    [Test]
    public void Bins_values_and_keeps_outliers_in_the_end_bins()
    {
        var histogram = new Histogram(0, 4, 4);
        histogram.AddRange([0f, 0.5f, 1f, 3.99f, 4f, -7f, 100f]);

        Assert.Multiple(() =>
        {
            Assert.That(histogram.Counts, Is.EqualTo(new long[] { 3, 1, 0, 3 }));
            Assert.That(histogram.BinWidth, Is.EqualTo(1));
            Assert.That(histogram.Center(2), Is.EqualTo(2.5));
        });
    }

    [Test]
    public void Symmetric_range_holds_the_largest_magnitude()
    {
        Histogram histogram = Histogram.SymmetricOf([-0.5f, 0.25f, 2f], 8);

        Assert.Multiple(() =>
        {
            Assert.That(histogram.Min, Is.EqualTo(-2));
            Assert.That(histogram.Max, Is.EqualTo(2));
            Assert.That(histogram.Counts.Sum(), Is.EqualTo(3));
            Assert.That(histogram.Counts[^1], Is.EqualTo(1), "2 is the top edge: last bin");
        });
    }

    [Test]
    public void Int8_codes_get_one_bin_each()
    {
        Histogram histogram = Histogram.OfInt8Codes([-128, -128, 0, 127]);

        Assert.Multiple(() =>
        {
            Assert.That(histogram.Counts, Has.Length.EqualTo(256));
            Assert.That(histogram.Counts[0], Is.EqualTo(2));
            Assert.That(histogram.Counts[128], Is.EqualTo(1));
            Assert.That(histogram.Counts[255], Is.EqualTo(1));
        });
    }

    [Test]
    public void Refuses_an_empty_range()
    {
        Assert.That(() => new Histogram(1, 1, 10), Throws.ArgumentException);
    }
}
