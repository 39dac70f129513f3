using Kws.Runtime.Layers;
using Kws.Runtime.Quantization;

namespace Kws.Runtime.Tests.Kernels;

/// <summary>Edge cases of the reference kernels that the hand-made models do not reach.</summary>
public class ReferenceKernelTests
{
    [Test]
    public void AveragePoolRoundsTiesToEvenAfterTheZeroPointIsRemoved()
    {
        var output = new byte[3];
        // Means 0.5, 1.5, 2.5 with zero point 0.
        GlobalAvgPool1dKernel.Run(new byte[] { 0, 1, 1, 2, 2, 3 }, 3, 0, output);
        Assert.That(output, Is.EqualTo(new byte[] { 0, 2, 2 }));
    }

    [Test]
    public void AveragePoolFollowsPyTorchsFloatRoundingNotTheExactRational()
    {
        // Measured in PyTorch 1.13: 30 codes summing to 2985 (exact mean 99.5) with zero point 185 give 99, because
        // (2985 - 30 * 185) * float(1/30) = -85.50000x in float32, not the exact tie that half-even would lift to 100.
        byte[] input = Enumerable.Repeat((byte)99, 15).Concat(Enumerable.Repeat((byte)100, 15)).ToArray();
        var output = new byte[1];
        GlobalAvgPool1dKernel.Run(input, 1, 185, output);
        Assert.That(output[0], Is.EqualTo(99));
    }

    [Test]
    public void QuantizeMapsNaNAndInfinitiesIntoRange()
    {
        var output = new byte[4];
        QuantizeKernel.RunReference([float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1e30f], 128f, 128, output);
        Assert.That(output, Is.EqualTo(new byte[] { 0, 255, 0, 255 }));
    }

    [Test]
    public void RequantizeClampsHugeAccumulatorsWithoutOverflow()
    {
        Assert.That(Requantizer.Requantize(int.MaxValue, 1000f, 0f, 7, 0), Is.EqualTo(255));
        Assert.That(Requantizer.Requantize(int.MinValue, 1000f, 0f, 7, 0), Is.EqualTo(0));
        Assert.That(Requantizer.Requantize(-1, 1f, 0f, 7, 7), Is.EqualTo(7));
    }

    [Test]
    public void LogSoftmaxIsStableForLargeScores()
    {
        var output = new float[2];
        LogSoftmaxKernel.Run([1000f, 1000f], output);
        Assert.That(output, Is.EqualTo(new[] { -MathF.Log(2f), -MathF.Log(2f) }).Within(1e-6));
    }
}
