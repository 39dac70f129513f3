using System.Diagnostics;
using Kws.Runtime.Audio;

namespace Kws.Runtime.Evaluation;

/// <summary>
/// Classifies every WAV file under a folder with one sub-folder per label (<c>root/&lt;label&gt;/*.wav</c>) and builds
/// the <see cref="EvaluationReport"/>. Clips run on every core (<see cref="ParallelClips"/>), each thread with its own
/// model and front end; results, the confusion matrix and any error are the same as a one-thread run, in file order.
/// Only the model's <see cref="IKeywordModel.Infer"/> is timed per clip, after one warm-up inference per thread, so
/// the latency is comparable between engines; the throughput (clips per second) is the whole run's wall time,
/// reading, decoding and resampling included.
/// </summary>
public static class FolderEvaluator
{
    /// <summary>Classifies every WAV file under <paramref name="root"/>/&lt;label&gt;/ with <paramref name="model"/>, on one thread.</summary>
    /// <param name="model">The model to evaluate; its labels name the sub-folders.</param>
    /// <param name="root">The folder with one sub-folder per label.</param>
    public static EvaluationReport Evaluate(IKeywordModel model, string root) => Evaluate(() => model, root, 1);

    /// <summary>Classifies every WAV file under <paramref name="root"/>/&lt;label&gt;/ on <paramref name="threads"/> threads, one model each; results in file order.</summary>
    /// <param name="createModel">makes one model per thread (models are not thread-safe); every model must be the same</param>
    /// <param name="root">The folder with one sub-folder per label.</param>
    /// <param name="threads">threads to run on, e.g. <see cref="ParallelClips.DefaultThreads"/></param>
    /// <param name="progress">Called after each file with (files done, total files), one call at a time; the kws CLI draws its progress bar from it.</param>
    public static EvaluationReport Evaluate(Func<IKeywordModel> createModel, string root, int threads, Action<int, int>? progress = null)
    {
        if (!Directory.Exists(root))
        {
            throw new EvaluationException($"{root}: no such folder");
        }
        IKeywordModel first = createModel();
        var labelIndex = new Dictionary<string, int>();
        for (int i = 0; i < first.Labels.Count; i++)
        {
            labelIndex[first.Labels[i]] = i;
        }
        var files = new List<(string Path, string Label)>();
        foreach (string folder in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            string label = Path.GetFileName(folder);
            if (!labelIndex.ContainsKey(label))
            {
                throw new EvaluationException($"{folder}: \"{label}\" is not one of the model's {first.Labels.Count} labels");
            }
            foreach (string file in Directory.GetFiles(folder, "*.wav").Order(StringComparer.Ordinal))
            {
                files.Add((file, label));
            }
        }
        if (files.Count == 0)
        {
            throw new EvaluationException($"{root}: no WAV files in label sub-folders (expected {root}/<label>/*.wav)");
        }

        // The model made above serves the first thread; the others get their own.
        int handedOut = 0;
        Worker CreateWorker() => new(Interlocked.Increment(ref handedOut) == 1 ? first : createModel());
        long started = Stopwatch.GetTimestamp();
        ClipResult[] clips = ParallelClips.Run(files.Count, threads, CreateWorker,
            (worker, i) => worker.Classify(files[i].Path, files[i].Label, root),
            progress is null ? null : done => progress(done, files.Count));
        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        var confusion = new int[first.Labels.Count, first.Labels.Count];
        foreach (ClipResult clip in clips)
        {
            confusion[labelIndex[clip.Expected], labelIndex[clip.Predicted]]++;
        }
        var perClass = first.Labels
            .Select(l => new ClassAccuracy(l, clips.Count(c => c.Expected == l), clips.Count(c => c.Expected == l && c.Correct)))
            .ToList();
        double[] times = clips.Select(c => c.Microseconds).Order().ToArray();
        return new EvaluationReport(first.Name, first.SimdPath, first.Labels, clips, perClass, confusion,
            Percentile(times, 0.5), times.Average(), Percentile(times, 0.95), first.WeightBytes, first.ScratchBytes,
            Math.Min(threads, files.Count), seconds);
    }

    /// <summary>One thread's model, front end and buffers.</summary>
    private sealed class Worker
    {
        private readonly IKeywordModel model;
        private readonly AudioFrontEnd frontEnd;
        private readonly float[] input;
        private readonly float[] logProbs;

        public Worker(IKeywordModel model)
        {
            this.model = model;
            frontEnd = new AudioFrontEnd(model);
            input = new float[model.InputLength];
            logProbs = new float[model.Labels.Count];
            model.Infer(input, logProbs);
        }

        public ClipResult Classify(string path, string label, string root)
        {
            frontEnd.PrepareFile(path, input);
            long start = Stopwatch.GetTimestamp();
            model.Infer(input, logProbs);
            double microseconds = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            int predicted = ArgMax(logProbs);
            return new ClipResult(Path.GetRelativePath(root, path), label, model.Labels[predicted], MathF.Exp(logProbs[predicted]), microseconds);
        }
    }

    /// <summary>Index of the largest value; the first one on ties, as torch.argmax.</summary>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }
        return best;
    }

    private static double Percentile(double[] sorted, double fraction) =>
        sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)];
}
