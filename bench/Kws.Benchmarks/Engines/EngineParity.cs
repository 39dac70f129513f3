using Kws.Runtime;

namespace Kws.Benchmarks.Engines;

/// <summary>
/// Guards against measuring the wrong thing: before any timing, the generated and interpreted engines must give the
/// same answer on the benchmark's clip (bit-identical for int8 models, within 1e-5 for float ones, as the design says).
/// </summary>
public static class EngineParity
{
    public static void Check(IKeywordModel generated, IKeywordModel interpreted, ReadOnlySpan<float> clip, bool exact)
    {
        var a = new float[generated.Labels.Count];
        var b = new float[interpreted.Labels.Count];
        generated.Infer(clip, a);
        interpreted.Infer(clip, b);
        var worst = a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
        if (exact ? worst != 0 : !(worst <= 1e-5f))
        {
            throw new InvalidOperationException(
                $"{generated.Name}: generated ({generated.SimdPath}) and interpreted engines disagree by {worst} in log-probability");
        }
    }
}
