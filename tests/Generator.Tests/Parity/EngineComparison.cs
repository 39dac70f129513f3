using Kws.Runtime;
using Kws.Runtime.Interpretation;
using Kws.Runtime.Manifest;

namespace Kws.Generator.Tests.Parity;

/// <summary>
/// The engine x case check: the same samples through the interpreter and the generated class. int8 models must
/// agree bit for bit with both of the interpreter's kernel sets (reference and vectorized); mixed models (float32 and
/// int8 layers) bit for bit with the reference kernels, whose float summation order the generated code follows, so
/// that every quantize step after a float layer sees the same floats. float32 models are held
/// to 1e-5 in log-probability and the same top-1 against the reference kernels, whose summation order the
/// generated code follows; the vectorized float kernels sum in another order and drift by a few ulps more (seen:
/// 1.1e-5 at a log-probability of -26 on a full-scale square wave), which is theirs to bound.
/// </summary>
internal static class EngineComparison
{
    public const float FloatTolerance = 1e-5f;

    public static void AssertSameAnswers(ModelManifest manifest, IKeywordModel generated, IEnumerable<float[]> inputs)
    {
        var engines = manifest.Precision == ModelPrecision.Int8
            ? new[] { new InterpretedModel(manifest, KernelSet.Reference), new InterpretedModel(manifest, KernelSet.Vectorized) }
            : new[] { new InterpretedModel(manifest, KernelSet.Reference) };
        var expected = new float[manifest.Labels.Count];
        var actual = new float[manifest.Labels.Count];
        int n = 0;
        foreach (float[] samples in inputs)
        {
            generated.Infer(samples, actual);
            foreach (InterpretedModel interpreted in engines)
            {
                interpreted.Infer(samples, expected);
                AssertSame(manifest, $"{manifest.Name}, input {n}, path {generated.SimdPath}, interpreter {interpreted.SimdPath}", expected, actual);
            }
            n++;
        }
    }

    private static void AssertSame(ModelManifest manifest, string what, float[] expected, float[] actual)
    {
        if (manifest.Precision != ModelPrecision.Float32)
        {
            Assert.That(Bits(actual), Is.EqualTo(Bits(expected)), what + ": int8 engines must be bit-identical");
        }
        else
        {
            Assert.That(actual, Is.EqualTo(expected).Within(FloatTolerance), what);
            Assert.That(ArgMax(actual), Is.EqualTo(ArgMax(expected)), what + ": top-1");
        }
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();

    private static int ArgMax(float[] values) => Array.IndexOf(values, values.Max());
}
