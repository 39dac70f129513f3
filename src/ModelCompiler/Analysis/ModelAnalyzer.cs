using Kws.Compiler.Analysis.Collectors;
using Kws.Compiler.Cli;
using Kws.Runtime.Evaluation;
using Kws.Runtime.Interpretation;

namespace Kws.Compiler.Analysis;

/// <summary>
/// Runs the whole analysis on the Runtime's interpreter: every clip through the FP32 model and each quantized model with
/// every layer traced (layer errors, activation ranges, accuracy), then the per-block sensitivity runs, then the weight
/// statistics, which need no clips. The traced runs use every core (<see cref="ParallelClips"/>, one set of models per
/// thread), a batch of clips at a time, and the collectors take the traces in clip order, so the result is the same
/// as on one thread.
/// </summary>
public static class ModelAnalyzer
{
    /// <summary>Clips traced at once per thread: their traces are held until the collectors have taken them.</summary>
    private const int BatchPerThread = 8;

    public static AnalysisResult Run(AnalysisModel fp32, IReadOnlyList<AnalysisModel> quantized, IReadOnlyList<AnalysisClip> clips,
        string samplesName, ProgressBar? progress = null)
    {
        if (clips.Count == 0)
        {
            throw new AnalysisException($"no clips to analyse in {samplesName}");
        }
        foreach (AnalysisModel q in quantized)
        {
            if (!q.Manifest.Labels.SequenceEqual(fp32.Manifest.Labels) || q.Manifest.InputLength != fp32.Manifest.InputLength)
            {
                throw new AnalysisException($"{q.Checkpoint} and {fp32.Checkpoint} differ in labels or input length: they are not the same model");
            }
        }

        List<AccuracyCollector> accuracy = [.. new[] { fp32 }.Concat(quantized).Select(m => new AccuracyCollector(m.Name, m.Manifest.Source.Kind, m.Manifest.Labels))];
        List<LayerErrorCollector> errors = quantized.Select(q => new LayerErrorCollector(q)).ToList();
        var activations = new ActivationRangeCollector(quantized);

        progress?.Start("traced runs", clips.Count);
        int threads = ParallelClips.DefaultThreads;
        int batch = threads * BatchPerThread;
        // One set of models per thread, made once (index 0 the FP32 model, then the quantized ones) and handed out anew
        // for every batch: each Run gives each of its threads a different set.
        InterpretedModel[][] sets = [.. Enumerable.Range(0, threads).Select(_ => new[] { fp32 }.Concat(quantized).Select(m => new InterpretedModel(m.Manifest)).ToArray())];
        for (int first = 0; first < clips.Count; first += batch)
        {
            int count = Math.Min(batch, clips.Count - first);
            int offset = first, handedOut = 0;
            (float[] LogProbs, IReadOnlyList<LayerOutput> Trace)[][] runs = ParallelClips.Run(count, threads, () => sets[Interlocked.Increment(ref handedOut) - 1],
                (models, i) => models.Select(model =>
                {
                    var logProbs = new float[model.Labels.Count];
                    return (logProbs, model.InferTraced(clips[offset + i].Samples, logProbs));
                }).ToArray());
            for (int i = 0; i < count; i++)
            {
                AnalysisClip clip = clips[first + i];
                var fp32Run = runs[i][0];
                accuracy[0].Add(clip.Label, fp32Run.LogProbs);
                activations.Add(clip.Samples, fp32Run.Trace);
                for (int m = 0; m < quantized.Count; m++)
                {
                    accuracy[m + 1].Add(clip.Label, runs[i][m + 1].LogProbs);
                    errors[m].Add(clip.Samples, fp32Run.Trace, runs[i][m + 1].Trace);
                }
                progress?.Advance();
            }
        }
        List<ModelAccuracy> models = accuracy.Select(a => a.Result()).ToList();

        List<AnalysisClip> labelled = clips.Where(c => c.Label is not null && fp32.Manifest.Labels.Contains(c.Label)).ToList();
        var sensitivity = new List<SensitivityResult>();
        if (labelled.Count > 0)
        {
            progress?.Start("sensitivity runs", quantized.Count * SensitivityAnalysis.RunsFor(fp32));
            sensitivity.AddRange(quantized.Select(q => SensitivityAnalysis.Run(fp32, q, labelled, models[0].Accuracy, progress)));
        }

        return new AnalysisResult(
            new AnalysisInputs(fp32.Checkpoint, quantized.Select(q => q.Checkpoint).ToList(), samplesName, clips.Count, labelled.Count),
            models,
            errors.Select(e => e.Result()).ToList(),
            sensitivity,
            quantized.Select(q => WeightStatisticsCollector.Collect(q.Name, fp32.Manifest, q.Manifest)).ToList(),
            activations.Result());
    }
}
