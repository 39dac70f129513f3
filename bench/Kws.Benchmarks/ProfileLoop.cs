using System.Diagnostics;
using System.Globalization;
using Kws.Benchmarks.Configuration;
using Kws.Benchmarks.Engines;
using Kws.Runtime.Audio;

namespace Kws.Benchmarks;

/// <summary>
/// <c>--loop &lt;ptq|qat|fp32&gt; &lt;generated|interpreted&gt; &lt;seconds&gt; [wav]</c>: classifies the benchmark clip over and over
/// for a while (with <c>wav</c>, the whole path: the clip's 16 kHz WAV bytes through the audio front end, then the model), for a sampling profiler to attribute time to layers (docs/benchmarks.md: perf record with the JIT's
/// perf map). Prints the model, its SIMD path, the mean wall time per inference and the thread CPU time per inference
/// of the fastest and the median batch of 1000 (on a shared machine the CPU time of the fastest batch is the figure
/// that neighbours disturb least; it is a development aid, not a published measurement).
/// </summary>
public static class ProfileLoop
{
    private const int Batch = 1000;

    public static int Run(string[] args)
    {
        if (args.Length is not (3 or 4) || (args.Length == 4 && args[3] != "wav")
            || !Enum.TryParse<BundledModel>(args[0], ignoreCase: true, out var model)
            || args[1] is not ("generated" or "interpreted")
            || !double.TryParse(args[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
        {
            throw new ArgumentException("usage: --loop <ptq|qat|fp32> <generated|interpreted> <seconds> [wav]");
        }

        var manifest = KeywordEngines.Manifest(model);
        var engine = args[1] == "generated" ? KeywordEngines.Generated(manifest) : KeywordEngines.Interpreted(manifest);
        var clip = BenchmarkClips.First();
        var logProbs = new float[engine.Labels.Count];
        bool wholePath = args.Length == 4;
        var frontEnd = new AudioFrontEnd(engine);
        var wav = wholePath ? File.ReadAllBytes(BenchmarkClips.FirstWavPath()) : [];
        var batches = new List<double>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var start = ThreadCpuClock.Instance.GetTimestamp();
            for (var i = 0; i < Batch; i++)
            {
                if (wholePath)
                {
                    frontEnd.Prepare(wav, clip);
                }
                engine.Infer(clip, logProbs);
            }

            batches.Add((ThreadCpuClock.Instance.GetTimestamp() - start) / 1000.0 / Batch);
        }

        batches.Sort();
        var inferences = (long)batches.Count * Batch;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{engine.Name} {args[1]}{(wholePath ? ", WAV bytes -> label" : "")} ({engine.SimdPath}): {inferences} inferences, {clock.Elapsed.TotalMicroseconds / inferences:F2} µs each; " +
            $"thread CPU per inference: fastest batch {batches[0]:F2} µs, median batch {batches[batches.Count / 2]:F2} µs"));
        return 0;
    }
}
