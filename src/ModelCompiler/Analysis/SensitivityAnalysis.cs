using Kws.Compiler.Analysis.Collectors;
using Kws.Compiler.Cli;
using Kws.Runtime.Evaluation;
using Kws.Runtime.Interpretation;

namespace Kws.Compiler.Analysis;

/// <summary>
/// Per-block sensitivity of one quantized model: the accuracy on the labelled clips of the FP32 model with only that
/// block in int8 (<see cref="MixedPrecisionManifest"/>), for every block, and with all of them. The mixed models run
/// on every core, one model per job (<see cref="ParallelClips"/>); each counts its clips alone, so the result does not
/// depend on the threads.
/// </summary>
public static class SensitivityAnalysis
{
    public const string AllBlocksName = "all";

    /// <summary>Mixed models run per quantized model: one per block and one with all blocks.</summary>
    public static int RunsFor(AnalysisModel fp32) => ModelBlock.Of(fp32.Manifest).Count + 1;

    public static SensitivityResult Run(AnalysisModel fp32, AnalysisModel quantized, IReadOnlyList<AnalysisClip> labelledClips,
        double fp32Accuracy, ProgressBar? progress = null)
    {
        IReadOnlyList<ModelBlock> blocks = ModelBlock.Of(fp32.Manifest);
        BlockSensitivity Measure(string name, IReadOnlyList<ModelBlock> quantizedBlocks)
        {
            var model = new InterpretedModel(MixedPrecisionManifest.Build(fp32.Manifest, quantized.Manifest, quantizedBlocks.Select(b => b.Name).ToList()));
            var accuracy = new AccuracyCollector(name, quantized.Name, model.Labels);
            var logProbs = new float[model.Labels.Count];
            foreach (AnalysisClip clip in labelledClips)
            {
                model.Infer(clip.Samples, logProbs);
                accuracy.Add(clip.Label, logProbs);
            }
            ModelAccuracy result = accuracy.Result();
            return new BlockSensitivity(name, quantizedBlocks.SelectMany(b => b.LayerNames).ToList(), result.Correct, result.Total);
        }

        // Every block alone, then all of them: one job each.
        List<(string Name, IReadOnlyList<ModelBlock> Blocks)> jobs = [.. blocks.Select(b => (b.Name, (IReadOnlyList<ModelBlock>)[b])), (AllBlocksName, blocks)];
        BlockSensitivity[] measured = ParallelClips.Run(jobs.Count, ParallelClips.DefaultThreads, () => 0,
            (_, j) => Measure(jobs[j].Name, jobs[j].Blocks), _ => progress?.Advance());
        return new SensitivityResult(quantized.Name, fp32Accuracy, measured[..^1], measured[^1]);
    }
}
