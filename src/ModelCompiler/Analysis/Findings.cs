using static Kws.Compiler.Analysis.AnalysisFormat;

namespace Kws.Compiler.Analysis;

/// <summary>
/// Plain-language sentences drawn from the numbers: where each quantized model's error is largest, which block costs
/// the most accuracy when quantized alone, and which activations are clipped. Shown at the top of the report and after
/// the console table, so a reader gets the answer before the evidence.
/// </summary>
public static class Findings
{
    public static IReadOnlyList<string> Of(AnalysisResult result)
    {
        var lines = new List<string>();
        ModelAccuracy fp32 = result.Models[0];
        foreach (ModelAccuracy model in result.Models.Skip(1).Where(m => m.Total > 0))
        {
            lines.Add($"{model.Model}: top-1 accuracy {Percent(model.Accuracy)} against FP32 {Percent(fp32.Accuracy)} " +
                $"({Points(model.Accuracy - fp32.Accuracy)}) on {model.Total} labelled clips.");
        }
        foreach (ModelComparison comparison in result.Comparisons)
        {
            LayerComparison worst = comparison.Layers.Where(l => l.Layer != "output").MinBy(l => l.Metrics.SqnrDb)!;
            LayerComparison output = comparison.Layers[^1];
            lines.Add($"{comparison.Model}: the lowest SQNR is at {worst.Layer} ({Db(worst.Metrics.SqnrDb)}); " +
                $"the log-probabilities end at {Db(output.Metrics.SqnrDb)} (cosine {Cosine(output.Metrics.Cosine)}).");
            // Where the error grows most: the largest fall in SQNR from one tensor to the next.
            var steps = comparison.Layers.Zip(comparison.Layers.Skip(1), (before, after) => (before, after, fall: before.Metrics.SqnrDb - after.Metrics.SqnrDb))
                .Where(s => double.IsFinite(s.fall)).ToList();
            if (steps.Count > 0 && steps.MaxBy(s => s.fall) is { fall: > 0 } steepest)
            {
                lines.Add($"{comparison.Model}: SQNR falls most at {steepest.after.Layer}, from {Db(steepest.before.Metrics.SqnrDb)} " +
                    $"after {steepest.before.Layer} to {Db(steepest.after.Metrics.SqnrDb)}.");
            }
        }
        foreach (SensitivityResult sensitivity in result.Sensitivity.Where(s => s.AllBlocks.Total > 0))
        {
            BlockSensitivity costliest = sensitivity.Blocks.MinBy(b => b.Accuracy)!;
            lines.Add($"{sensitivity.Model}: quantizing {costliest.Block} alone costs the most " +
                $"({Points(costliest.Accuracy - sensitivity.Fp32Accuracy)}); all blocks together " +
                $"{Points(sensitivity.AllBlocks.Accuracy - sensitivity.Fp32Accuracy)}.");
        }
        foreach (ModelActivationRanges ranges in result.Activations)
        {
            ActivationRange leastUsed = ranges.Layers.MinBy(l => l.RangeUse)!;
            lines.Add($"{ranges.Model}: the FP32 values at {leastUsed.Layer} span only {Percent(leastUsed.RangeUse)} of its int8 range " +
                $"({Fixed4(leastUsed.SeenMin)}..{Fixed4(leastUsed.SeenMax)} in {Fixed4(leastUsed.QuantizedMin)}..{Fixed4(leastUsed.QuantizedMax)}).");
            ActivationRange mostClipped = ranges.Layers.MaxBy(l => l.ClippedShare)!;
            if (mostClipped.ClippedShare > 0)
            {
                lines.Add($"{ranges.Model}: {FinePercent(mostClipped.ClippedShare)} of the FP32 values at " +
                    $"{mostClipped.Layer} fall outside its int8 range (clipped).");
            }
        }
        return lines;
    }
}
