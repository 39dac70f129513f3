using System.Diagnostics;
using Kws.Runtime.Audio;

namespace Kws.Runtime.Evaluation;

/// <summary>
/// Classifies every WAV file under a folder with one sub-folder per label (<c>root/&lt;label&gt;/*.wav</c>) and builds
/// the <see cref="EvaluationReport"/>. Only the model's <see cref="IKeywordModel.Infer"/> is timed, after one warm-up
/// inference, so the latency is comparable between engines.
/// </summary>
public static class FolderEvaluator
{
    /// <summary>Classifies every WAV file under <paramref name="root"/>/&lt;label&gt;/ with <paramref name="model"/>.</summary>
    /// <param name="model">The model to evaluate; its labels name the sub-folders.</param>
    /// <param name="root">The folder with one sub-folder per label.</param>
    /// <param name="progress">Called after each file with (files done, total files); the kws CLI draws its progress bar from it.</param>
    public static EvaluationReport Evaluate(IKeywordModel model, string root, Action<int, int>? progress = null)
    {
        if (!Directory.Exists(root))
        {
            throw new EvaluationException($"{root}: no such folder");
        }
        var labelIndex = new Dictionary<string, int>();
        for (int i = 0; i < model.Labels.Count; i++)
        {
            labelIndex[model.Labels[i]] = i;
        }
        var files = new List<(string Path, string Label)>();
        foreach (string folder in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            string label = Path.GetFileName(folder);
            if (!labelIndex.ContainsKey(label))
            {
                throw new EvaluationException($"{folder}: \"{label}\" is not one of the model's {model.Labels.Count} labels");
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

        var frontEnd = new AudioFrontEnd(model);
        var input = new float[model.InputLength];
        var logProbs = new float[model.Labels.Count];
        var confusion = new int[model.Labels.Count, model.Labels.Count];
        var clips = new List<ClipResult>(files.Count);
        model.Infer(input, logProbs);
        foreach ((string path, string label) in files)
        {
            frontEnd.PrepareFile(path, input);
            long start = Stopwatch.GetTimestamp();
            model.Infer(input, logProbs);
            double microseconds = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            int predicted = ArgMax(logProbs);
            confusion[labelIndex[label], predicted]++;
            clips.Add(new ClipResult(Path.GetRelativePath(root, path), label, model.Labels[predicted], MathF.Exp(logProbs[predicted]), microseconds));
            progress?.Invoke(clips.Count, files.Count);
        }

        var perClass = model.Labels
            .Select(l => new ClassAccuracy(l, clips.Count(c => c.Expected == l), clips.Count(c => c.Expected == l && c.Correct)))
            .ToList();
        double[] times = clips.Select(c => c.Microseconds).Order().ToArray();
        return new EvaluationReport(model.Name, model.SimdPath, model.Labels, clips, perClass, confusion,
            Percentile(times, 0.5), times.Average(), Percentile(times, 0.95), model.WeightBytes, model.ScratchBytes);
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
