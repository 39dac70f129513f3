using Kws.Runtime;
using Kws.Runtime.Interpretation;
using Kws.Runtime.Manifest;

namespace Kws.Generator.Tests.Parity;

/// <summary>
/// The engine x case check: the same samples through the interpreter (its scalar reference kernels and its
/// vectorized ones) and the generated class. int8 models must agree bit for bit; float32 models within 1e-5 in
/// log-probability and on the top-1 (summation order may differ).
/// </summary>
internal static class EngineComparison
{
    public const float FloatTolerance = 1e-5f;

    public static void AssertSameAnswers(ModelManifest manifest, IKeywordModel generated, IEnumerable<float[]> inputs)
    {
        var engines = new[] { new InterpretedModel(manifest, KernelSet.Reference), new InterpretedModel(manifest, KernelSet.Vectorized) };
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
        if (manifest.Precision == ModelPrecision.Int8)
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
