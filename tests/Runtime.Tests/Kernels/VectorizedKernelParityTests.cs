using Kws.Runtime.Interpretation;
using Kws.Runtime.Kernels;
using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;
using Kws.Runtime.Quantization;
using Kws.Runtime.Simd;
using Kws.Runtime.Tests.Interpretation;

namespace Kws.Runtime.Tests.Kernels;

/// <summary>
/// The vectorized kernels against the reference ones on random inputs: bit-identical for everything int8, within
/// rounding for float32. Run this category also under DOTNET_EnableAVX512=0, DOTNET_EnableAVXVNNI=0,
/// DOTNET_EnableAVX2=0 and DOTNET_EnableHWIntrinsic=0 to cover the paths the machine would otherwise skip.
/// </summary>
[Category("Parity")]
public class VectorizedKernelParityTests
{
    private static IEnumerable<SimdPath> Paths() => SimdPath.All;

    [TestCaseSource(nameof(Paths))]
    public void Int8DotProductIsExactOnEveryLength(SimdPath path)
    {
        if (!SimdSupport.IsSupported(path))
        {
            Assert.Ignore($"this machine (or a JIT knob) turns {path} off");
        }
        var random = new Random(1);
        for (int n = 0; n <= 300; n++)
        {
            var w = new sbyte[n];
            var x = new byte[n];
            for (int j = 0; j < n; j++)
            {
                // Extremes included: -128 * 255 is the largest product magnitude.
                w[j] = (sbyte)(random.Next(8) == 0 ? -128 : random.Next(-128, 128));
                x[j] = (byte)(random.Next(8) == 0 ? 255 : random.Next(256));
            }
            int expected = 0;
            for (int j = 0; j < n; j++)
            {
                expected += w[j] * x[j];
            }
            Assert.That(Int8DotProduct.Compute(path, w, x), Is.EqualTo(expected), $"length {n}");
        }
    }

    [TestCaseSource(nameof(Paths))]
    public void BlockedInt8DotProductsAreExactOnEveryLength(SimdPath path)
    {
        if (!SimdSupport.IsSupported(path))
        {
            Assert.Ignore($"this machine (or a JIT knob) turns {path} off");
        }
        var random = new Random(4);
        var sums = new int[4];
        for (int n = 0; n <= 200; n++)
        {
            var rows = new sbyte[4 * n];
            var x = new byte[n];
            random.NextBytes((byte[])(Array)rows);
            random.NextBytes(x);
            Int8DotProduct4.Compute(path, rows, x, sums);
            for (int r = 0; r < 4; r++)
            {
                int expected = 0;
                for (int j = 0; j < n; j++)
                {
                    expected += rows[r * n + j] * x[j];
                }
                Assert.That(sums[r], Is.EqualTo(expected), $"length {n}, row {r}");
            }
        }
    }

    [Test]
    public void VectorRequantizationEqualsTheScalarRuleIncludingTies()
    {
        var random = new Random(2);
        const int n = 4099;
        var acc = new int[n];
        var mul = new float[n];
        var off = new float[n];
        for (int j = 0; j < n; j++)
        {
            acc[j] = random.Next(-200_000, 200_000);
            mul[j] = (float)Math.Pow(2, -random.Next(4, 14));
            // Offsets in quarters with power-of-two multipliers land many values exactly on .5.
            off[j] = random.Next(-400, 400) / 4f;
        }
        foreach (int zp in new[] { 0, 7, 128, 255 })
        {
            foreach (int min in new[] { 0, zp })
            {
                var expected = new byte[n];
                for (int j = 0; j < n; j++)
                {
                    expected[j] = Requantizer.Requantize(acc[j], mul[j], off[j], zp, min);
                }
                var actual = new byte[n];
                VectorRequantizer.Run(acc, mul, off, zp, min, actual);
                Assert.That(actual, Is.EqualTo(expected), $"zero point {zp}, min {min}");
            }
        }
    }

    [Test]
    public void VectorQuantizeEqualsTheScalarRuleIncludingTiesAndSpecialValues()
    {
        var random = new Random(3);
        const int n = 10_007;
        var x = new float[n];
        for (int j = 0; j < n; j++)
        {
            x[j] = random.Next(5) switch
            {
                0 => random.Next(-600, 600) / 256f, // exact ties at inverse scale 128
                1 => (float)(random.NextDouble() * 4 - 2),
                2 => new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1e30f, -1e30f, -0f }[random.Next(6)],
                _ => (float)(random.NextDouble() * 2 - 1),
            };
        }
        foreach ((float inverse, int zp) in new[] { (128f, 128), (128f, 127), (Quantizer.InverseScale(0.0123), 64) })
        {
            var expected = new byte[n];
            QuantizeKernel.RunReference(x, inverse, zp, expected);
            var actual = new byte[n];
            QuantizeKernel.RunVectorized(x, inverse, zp, actual);
            Assert.That(actual, Is.EqualTo(expected));
        }
    }

    [TestCase(11, QuantizedEngine.Onednn)]
    [TestCase(12, QuantizedEngine.Onednn)]
    [TestCase(13, QuantizedEngine.Onednn)]
    [TestCase(14, QuantizedEngine.Qnnpack)]
    [TestCase(15, QuantizedEngine.Qnnpack)]
    public void VectorizedInterpreterIsBitIdenticalToTheReferenceOnRandomInt8Models(int seed, QuantizedEngine engine)
    {
        var manifest = RandomModels.Int8(seed, engine: engine);
        var reference = new InterpretedModel(manifest, KernelSet.Reference);
        var vectorized = new InterpretedModel(manifest, KernelSet.Vectorized);
        float[] signal = RandomModels.Signal(seed, manifest.InputLength);
        var expectedLogProbs = new float[35];
        var actualLogProbs = new float[35];
        IReadOnlyList<LayerOutput> expected = reference.InferTraced(signal, expectedLogProbs);
        IReadOnlyList<LayerOutput> actual = vectorized.InferTraced(signal, actualLogProbs);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.That(actual[i].Codes, Is.EqualTo(expected[i].Codes), expected[i].Name);
            Assert.That(actual[i].Values, Is.EqualTo(expected[i].Values), expected[i].Name);
        }
        // The random scales must exercise the code range, not just clamp everything to one value.
        Assert.That(expected[1].Codes.Distinct().Count(), Is.GreaterThan(20));
        Assert.That(actualLogProbs, Is.EqualTo(expectedLogProbs));
    }

    [TestCase(21)]
    [TestCase(22)]
    public void VectorizedInterpreterAgreesWithTheReferenceOnRandomFloat32Models(int seed)
    {
        var manifest = RandomModels.Float32(seed);
        float[] signal = RandomModels.Signal(seed, manifest.InputLength);
        var expected = new float[35];
        var actual = new float[35];
        new InterpretedModel(manifest, KernelSet.Reference).Infer(signal, expected);
        new InterpretedModel(manifest, KernelSet.Vectorized).Infer(signal, actual);
        Assert.That(actual, Is.EqualTo(expected).Within(1e-5));
        Assert.That(expected.Max() - expected.Min(), Is.InRange(0.5f, 100f), "logits in a realistic range");
        Assert.That(Array.IndexOf(actual, actual.Max()), Is.EqualTo(Array.IndexOf(expected, expected.Max())));
    }
}
