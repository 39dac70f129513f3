using Kws.Runtime;
using Kws.Runtime.Interpretation;
using Kws.Runtime.Manifest;

namespace Kws.Generator.Tests.Parity;

/// <summary>
/// The engine x case check: the same samples through the interpreter and the generated class, which must agree bit
/// for bit with both of the interpreter's kernel sets (reference and vectorized), int8 and float32 alike: every float
/// kernel sums in the reference order (input channel, then tap, bias last), lane by lane.
/// </summary>
internal static class EngineComparison
{
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

    private static void AssertSame(ModelManifest manifest, string what, float[] expected, float[] actual) =>
        Assert.That(Bits(actual), Is.EqualTo(Bits(expected)), $"{what}: {manifest.Precision} engines must be bit-identical");

    /// <summary>The bit patterns, every NaN as one (a NaN's sign and payload depend on operand order, not on the sum).</summary>
    private static int[] Bits(float[] values) => values.Select(v => float.IsNaN(v) ? int.MinValue : BitConverter.SingleToInt32Bits(v)).ToArray();
}
