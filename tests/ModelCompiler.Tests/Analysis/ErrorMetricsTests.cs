using Kws.Compiler.Analysis.Collectors;

namespace Kws.Compiler.Tests.Analysis;

public sealed class ErrorMetricsTests
{
    // fp32 [1, 2, 3, 4] against quantized [1.5, 2, 2, 4]: errors [0.5, 0, -1, 0].
    private static readonly float[] Reference = [1, 2, 3, 4];
    private static readonly float[] Quantized = [1.5f, 2, 2, 4];

    [Test]
    public void Matches_hand_computed_values()
    {
        var accumulator = new ErrorAccumulator();
        accumulator.Add(Reference, Quantized);
        ErrorMetrics m = accumulator.ToMetrics();

        Assert.Multiple(() =>
        {
            Assert.That(m.Count, Is.EqualTo(4));
            Assert.That(m.Mse, Is.EqualTo(0.3125).Within(1e-12), "(0.25 + 0 + 1 + 0) / 4");
            Assert.That(m.Mae, Is.EqualTo(0.375).Within(1e-12), "(0.5 + 0 + 1 + 0) / 4");
            Assert.That(m.MeanError, Is.EqualTo(-0.125).Within(1e-12), "-0.5 / 4");
            Assert.That(m.ErrorStd, Is.EqualTo(Math.Sqrt(0.296875)).Within(1e-12), "sqrt(0.3125 - 0.125²)");
            Assert.That(m.Cosine, Is.EqualTo(27.5 / Math.Sqrt(30 * 26.25)).Within(1e-12), "27.5 / sqrt(30 · 26.25) = 0.97996");
            Assert.That(m.SqnrDb, Is.EqualTo(13.802112).Within(1e-6), "10·log10(30 / 1.25) = 10·log10(24)");
        });
    }

    [Test]
    public void Pools_every_element_of_every_clip()
    {
        var split = new ErrorAccumulator();
        split.Add(Reference.AsSpan(0, 1), Quantized.AsSpan(0, 1));
        split.Add(Reference.AsSpan(1), Quantized.AsSpan(1));
        var whole = new ErrorAccumulator();
        whole.Add(Reference, Quantized);

        Assert.That(split.ToMetrics(), Is.EqualTo(whole.ToMetrics()));
    }

    [Test]
    public void Identical_tensors_have_no_error_and_infinite_sqnr()
    {
        var accumulator = new ErrorAccumulator();
        accumulator.Add(Reference, Reference);
        ErrorMetrics m = accumulator.ToMetrics();

        Assert.Multiple(() =>
        {
            Assert.That(m.Mse, Is.Zero);
            Assert.That(m.ErrorStd, Is.Zero);
            Assert.That(m.Cosine, Is.EqualTo(1).Within(1e-15));
            Assert.That(m.SqnrDb, Is.EqualTo(double.PositiveInfinity));
        });
    }

    [Test]
    public void All_zero_tensors_are_identical_and_zero_against_signal_is_orthogonal()
    {
        var zeros = new ErrorAccumulator();
        zeros.Add([0f, 0f], [0f, 0f]);
        var lost = new ErrorAccumulator();
        lost.Add([1f, -1f], [0f, 0f]);

        Assert.Multiple(() =>
        {
            Assert.That(zeros.ToMetrics().Cosine, Is.EqualTo(1));
            Assert.That(lost.ToMetrics().Cosine, Is.Zero);
            Assert.That(lost.ToMetrics().SqnrDb, Is.Zero.Within(1e-12), "error energy equals signal energy: 0 dB");
        });
    }

    [Test]
    public void Refuses_tensors_of_different_lengths_and_an_empty_comparison()
    {
        var accumulator = new ErrorAccumulator();
        Assert.Multiple(() =>
        {
            Assert.That(() => accumulator.Add([1f, 2f], [1f]), Throws.ArgumentException.With.Message.Contains("2 values with 1"));
            Assert.That(() => accumulator.ToMetrics(), Throws.InvalidOperationException);
        });
    }
}
