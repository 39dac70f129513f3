using Kws.Compiler.Analysis.Collectors;
using Kws.Compiler.Cli;
using Kws.Runtime.Interpretation;

namespace Kws.Compiler.Analysis;

/// <summary>
/// Runs the whole analysis on the Runtime's interpreter: every clip through the FP32 model and each quantized model with
/// every layer traced (layer errors, activation ranges, accuracy), then the per-block sensitivity runs, then the weight
/// statistics, which need no clips.
/// </summary>
public static class ModelAnalyzer
{
    public static AnalysisResult Run(AnalysisModel fp32, IReadOnlyList<AnalysisModel> quantized, IReadOnlyList<AnalysisClip> clips,
        string samplesName, ProgressBar? progress = null)
    {
        if (clips.Count == 0)
        {
            throw new AnalysisException($"no clips to analyse in {samplesName}");
        }
        var fp32Model = new InterpretedModel(fp32.Manifest);
        List<InterpretedModel> quantizedModels = quantized.Select(q => new InterpretedModel(q.Manifest)).ToList();
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
        var logProbs = new float[fp32.Manifest.Labels.Count];

        progress?.Start("traced runs", clips.Count);
        foreach (AnalysisClip clip in clips)
        {
            IReadOnlyList<LayerOutput> fp32Trace = fp32Model.InferTraced(clip.Samples, logProbs);
            accuracy[0].Add(clip.Label, logProbs);
            activations.Add(clip.Samples, fp32Trace);
            for (int m = 0; m < quantizedModels.Count; m++)
            {
                IReadOnlyList<LayerOutput> trace = quantizedModels[m].InferTraced(clip.Samples, logProbs);
                accuracy[m + 1].Add(clip.Label, logProbs);
                errors[m].Add(clip.Samples, fp32Trace, trace);
            }
            progress?.Advance();
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
