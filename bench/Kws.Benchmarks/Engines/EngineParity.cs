using Kws.Runtime;

namespace Kws.Benchmarks.Engines;

/// <summary>
/// Guards against measuring the wrong thing: before any timing, the generated and interpreted engines must give the
/// same answer on the benchmark's clip, bit for bit (int8 and float32 engines alike sum in the same order).
/// </summary>
public static class EngineParity
{
    public static void Check(IKeywordModel generated, IKeywordModel interpreted, ReadOnlySpan<float> clip)
    {
        var a = new float[generated.Labels.Count];
        var b = new float[interpreted.Labels.Count];
        generated.Infer(clip, a);
        interpreted.Infer(clip, b);
        var worst = a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
        if (!a.AsSpan().SequenceEqual(b))
        {
            throw new InvalidOperationException(
                $"{generated.Name}: generated ({generated.SimdPath}) and interpreted engines disagree by {worst} in log-probability");
        }
    }
}
