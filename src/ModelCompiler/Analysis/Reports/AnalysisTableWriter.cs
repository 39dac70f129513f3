using static Kws.Compiler.Analysis.AnalysisFormat;

namespace Kws.Compiler.Analysis.Reports;

/// <summary>The console summary of <c>kwsc analyze</c>: accuracy, the per-layer error table per model, sensitivity, findings.</summary>
public static class AnalysisTableWriter
{
    public static void Write(AnalysisResult result, TextWriter output)
    {
        if (result.Inputs.NothingToScore is string nothing)
        {
            output.WriteLine(nothing);
        }
        else
        {
            WriteTable(output, ["model", "correct", "clips", "accuracy"],
                result.Models.Select(m => new[] { m.Model, Int(m.Correct), Int(m.Total), Percent(m.Accuracy) }));
        }
        foreach (ModelComparison comparison in result.Comparisons)
        {
            output.WriteLine();
            output.WriteLine($"{comparison.Model} against FP32, layer by layer:");
            WriteTable(output, ["layer", "MSE", "MAE", "cosine", "SQNR dB", "error std"],
                comparison.Layers.Select(l => new[]
                {
                    l.Layer, Scientific(l.Metrics.Mse), Scientific(l.Metrics.Mae), Cosine(l.Metrics.Cosine),
                    DbCell(l.Metrics.SqnrDb), Scientific(l.Metrics.ErrorStd),
                }));
        }
        foreach (SensitivityResult sensitivity in result.Sensitivity.Where(s => s.AllBlocks.Total > 0))
        {
            output.WriteLine();
            output.WriteLine($"{sensitivity.Model}: accuracy with one block quantized (FP32 {Percent(sensitivity.Fp32Accuracy)}):");
            WriteTable(output, ["block", "accuracy", "change"],
                sensitivity.Blocks.Append(sensitivity.AllBlocks).Select(b => new[]
                {
                    b.Block, Percent(b.Accuracy), Points(b.Accuracy - sensitivity.Fp32Accuracy),
                }));
        }
        output.WriteLine();
        foreach (string finding in Findings.Of(result))
        {
            output.WriteLine("- " + finding);
        }
    }

    /// <summary>Left-aligned first column, right-aligned numbers, columns as wide as their widest cell.</summary>
    internal static void WriteTable(TextWriter output, IReadOnlyList<string> header, IEnumerable<string[]> rows)
    {
        List<string[]> all = [header.ToArray(), .. rows];
        int[] widths = Enumerable.Range(0, header.Count).Select(c => all.Max(r => r[c].Length)).ToArray();
        foreach (string[] row in all)
        {
            output.WriteLine(string.Join("  ", row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        }
    }
}
