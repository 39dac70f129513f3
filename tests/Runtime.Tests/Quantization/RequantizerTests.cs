using System.Runtime.Intrinsics;
using Kws.Runtime.Quantization;

namespace Kws.Runtime.Tests.Quantization;

/// <summary>
/// The requantization and quantization rules have one scalar definition; their vector forms (which clamp before
/// rounding) are what the vectorized interpreter and the generated code run. These tests prove the forms equal on the
/// edge cases that could tell them apart: every tie (x.5) and near-tie around every code, both clamping bounds and
/// just beyond them, saturation far outside the range, zero points across 0..255 and both lower bounds (0 and the zero
/// point, as fused ReLU sets it). Category Parity: CI runs them under every SIMD knob.
/// </summary>
[Category("Parity")]
public class RequantizerTests
{
    private static readonly int[] ZeroPoints = [0, 1, 7, 64, 127, 128, 200, 254, 255];

    /// <summary>Shifted values s = (acc + offset) * m that hit ties, near-ties, the bounds and saturation.</summary>
    private static IEnumerable<(int Accumulator, float Multiplier, float Offset)> EdgeCases()
    {
        // Multiplier 0.5 makes s = (acc + offset) / 2: every half-integer from -300 to 300, and the quarters between.
        for (int acc = -1200; acc <= 1200; acc++)
        {
            yield return (acc, 0.5f, 0f);
            yield return (acc, 0.5f, -0.5f);
        }
        // Near ties: the floats either side of k + 0.5 for every k in range.
        for (int k = -300; k <= 300; k++)
        {
            float tie = k + 0.5f;
            yield return (0, 1f, MathF.BitDecrement(tie));
            yield return (0, 1f, MathF.BitIncrement(tie));
        }
        // Saturation and the largest accumulators.
        foreach (int acc in new[] { int.MinValue, int.MinValue + 1, -16_777_217, -1, 0, 1, 16_777_217, int.MaxValue })
        {
            yield return (acc, 1000f, 0f);
            yield return (acc, 1e-9f, 0f);
            yield return (acc, 1f, 0.5f);
        }
    }

    [Test]
    public void VectorRequantizationEqualsTheRuleOnEveryEdgeCase()
    {
        var cases = EdgeCases().ToArray();
        foreach (int zp in ZeroPoints)
        {
            foreach (int min in new[] { 0, zp })
            {
                foreach ((int acc, float m, float f) in cases)
                {
                    byte expected = Requantizer.Requantize(acc, m, f, zp, min);
                    int v128 = Requantizer.Requantize(Vector128.Create(acc), Vector128.Create(m), Vector128.Create(f), zp, min).GetElement(2);
                    int v256 = Requantizer.Requantize(Vector256.Create(acc), Vector256.Create(m), Vector256.Create(f), zp, min).GetElement(5);
                    Assert.That(v128, Is.EqualTo(expected), $"Vector128: acc {acc}, m {m:R}, offset {f:R}, zp {zp}, min {min}");
                    Assert.That(v256, Is.EqualTo(expected), $"Vector256: acc {acc}, m {m:R}, offset {f:R}, zp {zp}, min {min}");
                    if (Vector512.IsHardwareAccelerated)
                    {
                        int v512 = Requantizer.Requantize(Vector512.Create(acc), Vector512.Create(m), Vector512.Create(f), zp, min).GetElement(11);
                        Assert.That(v512, Is.EqualTo(expected), $"Vector512: acc {acc}, m {m:R}, offset {f:R}, zp {zp}, min {min}");
                    }
                }
            }
        }
    }

    [Test]
    public void VectorQuantizationEqualsTheRuleOnEveryEdgeCase()
    {
        var values = new List<float> { float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.MaxValue, float.MinValue, 0f, -0f, 1e-45f };
        for (int k = -400; k <= 400; k++)
        {
            values.Add(k + 0.5f);
            values.Add(MathF.BitDecrement(k + 0.5f));
            values.Add(MathF.BitIncrement(k + 0.5f));
            values.Add(k);
        }
        foreach (int zp in ZeroPoints)
        {
            foreach (float inverseScale in new[] { 1f, 0.5f, 128f, Quantizer.InverseScale(0.0123) })
            {
                foreach (float x in values)
                {
                    float value = x / inverseScale;
                    byte expected = Quantizer.Quantize(value, inverseScale, zp);
                    Assert.That(Quantizer.Quantize(Vector128.Create(value), inverseScale, zp).GetElement(1), Is.EqualTo(expected), $"Vector128: x {value:R}, zp {zp}");
                    Assert.That(Quantizer.Quantize(Vector256.Create(value), inverseScale, zp).GetElement(6), Is.EqualTo(expected), $"Vector256: x {value:R}, zp {zp}");
                    if (Vector512.IsHardwareAccelerated)
                    {
                        Assert.That(Quantizer.Quantize(Vector512.Create(value), inverseScale, zp).GetElement(9), Is.EqualTo(expected), $"Vector512: x {value:R}, zp {zp}");
                    }
                }
            }
        }
    }

    [Test]
    public void MagicRoundingEqualsRoundHalfToEvenOverTheClampedRange()
    {
        // Every quarter between the bounds the callers clamp to, each float either side of it, and a million random
        // floats in the range: round + convert and the magic addition must give the same integers.
        var values = new List<float>();
        for (int quarter = -1024; quarter <= 1024; quarter++)
        {
            float x = quarter / 4f;
            values.AddRange([x, MathF.BitDecrement(x), MathF.BitIncrement(x)]);
        }
        var rng = new Random(17);
        for (int i = 0; i < 1_000_000; i++)
        {
            values.Add((float)(rng.NextDouble() * 512 - 256));
        }
        foreach (int addend in new[] { 0, 7, 255 })
        {
            foreach (float x in values)
            {
                int expected = (int)MathF.Round(x, MidpointRounding.ToEven) + addend;
                if (RoundingMagic.RoundPlus(Vector128.Create(x), addend).GetElement(3) != expected
                    || RoundingMagic.RoundPlus(Vector256.Create(x), addend).GetElement(4) != expected
                    || RoundingMagic.RoundPlus(Vector512.Create(x), addend).GetElement(15) != expected)
                {
                    Assert.Fail($"x {x:R}, addend {addend}: expected {expected}");
                }
            }
        }
    }

    [Test]
    public void TiesRoundToEvenAndTheClampHoldsTheReluFloor()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Requantizer.Requantize(1, 0.5f, 0f, 0, 0), Is.EqualTo(0), "0.5 rounds to 0");
            Assert.That(Requantizer.Requantize(3, 0.5f, 0f, 0, 0), Is.EqualTo(2), "1.5 rounds to 2");
            Assert.That(Requantizer.Requantize(-10, 1f, 0f, 7, 7), Is.EqualTo(7), "fused ReLU: never below the zero point");
            Assert.That(Requantizer.Requantize(1000, 1f, 0f, 7, 0), Is.EqualTo(255));
        });
    }
}
