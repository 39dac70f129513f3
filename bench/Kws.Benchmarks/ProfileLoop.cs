using System.Diagnostics;
using System.Globalization;
using Kws.Benchmarks.Engines;

namespace Kws.Benchmarks;

/// <summary>
/// <c>--loop &lt;ptq|qat|fp32&gt; &lt;generated|interpreted&gt; &lt;seconds&gt;</c>: classifies the benchmark clip over and over
/// for a while, for a sampling profiler to attribute time to layers (docs/benchmarks.md: perf record with the JIT's
/// perf map). Prints the model, its SIMD path and the mean time per inference.
/// </summary>
public static class ProfileLoop
{
    public static int Run(string[] args)
    {
        if (args.Length != 3
            || !Enum.TryParse<BundledModel>(args[0], ignoreCase: true, out var model)
            || args[1] is not ("generated" or "interpreted")
            || !double.TryParse(args[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
        {
            throw new ArgumentException("usage: --loop <ptq|qat|fp32> <generated|interpreted> <seconds>");
        }

        var manifest = KeywordEngines.Manifest(model);
        var engine = args[1] == "generated" ? KeywordEngines.Generated(manifest) : KeywordEngines.Interpreted(manifest);
        var clip = BenchmarkClips.First();
        var logProbs = new float[engine.Labels.Count];
        var clock = Stopwatch.StartNew();
        long inferences = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            for (var i = 0; i < 1000; i++)
            {
                engine.Infer(clip, logProbs);
            }

            inferences += 1000;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{engine.Name} {args[1]} ({engine.SimdPath}): {inferences} inferences, {clock.Elapsed.TotalMicroseconds / inferences:F2} µs each"));
        return 0;
    }
}
