using Kws.Compiler.Analysis.Collectors;
using Kws.Compiler.Cli;
using Kws.Runtime.Interpretation;

namespace Kws.Compiler.Analysis;

/// <summary>
/// Per-block sensitivity of one quantized model: the accuracy on the labelled clips of the FP32 model with only that
/// block in int8 (<see cref="MixedPrecisionManifest"/>), for every block, and with all of them.
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
            progress?.Advance();
            ModelAccuracy result = accuracy.Result();
            return new BlockSensitivity(name, quantizedBlocks.SelectMany(b => b.LayerNames).ToList(), result.Correct, result.Total);
        }

        List<BlockSensitivity> single = blocks.Select(b => Measure(b.Name, [b])).ToList();
        return new SensitivityResult(quantized.Name, fp32Accuracy, single, Measure(AllBlocksName, blocks));
    }
}
