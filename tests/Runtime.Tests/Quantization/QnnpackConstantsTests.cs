using Kws.Runtime.Quantization;

namespace Kws.Runtime.Tests.Quantization;

/// <summary>
/// qnnpack's requantization constants (<see cref="RequantizationPlan"/>) on the cases that tell them from the obvious
/// ones; the whole rule is measured against PyTorch in tests/Runtime.Tests/Kernels/QnnpackKernelReferenceTests.
/// </summary>
public class QnnpackConstantsTests
{
    [Test]
    public void TheMultiplierIsAFloat32ChainNotTheDoubleQuotient()
    {
        // A triple drawn by models/recipe/measure_qnnpack.py's probe: the two differ in the last bit.
        const double input = 0.051670342683792114, weight = 0.019014227556886112, output = 0.08063820749521255;
        Assert.That(RequantizationPlan.QnnpackMultiplier(input, weight, output), Is.EqualTo(0.012183700688183308f));
        Assert.That((float)(input * weight / output), Is.EqualTo(0.012183698825538158f));
    }

    [TestCase(2.5, 2)]
    [TestCase(3.5, 4)]
    [TestCase(-2.5, -2)]
    [TestCase(-3.5, -4)]
    [TestCase(1e12, int.MaxValue)]
    [TestCase(-1e12, int.MinValue)]
    public void TheBiasRoundsHalfToEvenAndSaturatesToInt32(double quanta, long expected)
    {
        // Power-of-two scales make the quantum exact, so the bias lands on the tie itself.
        const double scale = 1.0 / 64;
        Assert.That(RequantizationPlan.QnnpackBias((float)(quanta * scale * scale), scale, scale), Is.EqualTo(expected));
    }

    [TestCase(-7.158780097961426f, -7287)]
    [TestCase(7.201025485992432f, 7330)]
    public void TheBiasQuantumIsTheDoubleProductNarrowedOnce(float bias, long expected)
    {
        // quantize_per_tensor's scale is (float)(w * in); with (float)w * (float)in these would round to
        // -7286 and 7329 (biases found by models/recipe/measure_qnnpack.py's bias probe).
        Assert.That(RequantizationPlan.QnnpackBias(bias, 0.051670342683792114, 0.019014227556886112), Is.EqualTo(expected));
    }
}
