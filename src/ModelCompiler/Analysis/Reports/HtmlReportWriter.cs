using System.Net;
using System.Text;
using static Kws.Compiler.Analysis.AnalysisFormat;

namespace Kws.Compiler.Analysis.Reports;

/// <summary>
/// Writes report.html: one self-contained page (charts embedded as base64 PNG, no scripts, no external files) that
/// opens with the findings, then shows each section's charts above the table of its numbers.
/// </summary>
public static class HtmlReportWriter
{
    private const string Style = """
        body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 24px auto; max-width: 1200px; color: #222; line-height: 1.45; }
        h1 { font-size: 26px; margin-bottom: 4px; } h2 { font-size: 21px; border-bottom: 2px solid #ddd; padding-bottom: 4px; margin-top: 36px; }
        h3 { font-size: 17px; margin-top: 22px; } p.note { color: #555; margin-top: 0; }
        ul.findings { background: #f4f7fb; border-left: 4px solid #1f77b4; padding: 12px 12px 12px 32px; }
        table { border-collapse: collapse; margin: 10px 0 18px; font-size: 14px; }
        th, td { border: 1px solid #ccc; padding: 4px 10px; text-align: left; } th { background: #f0f0f0; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; }
        .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 12px; }
        .wide { display: block; }
        figure { margin: 0 0 12px; } figure img { max-width: 100%; border: 1px solid #eee; }
        figcaption { font-size: 13px; color: #555; }
        """;

    public static void Write(AnalysisResult result, ReportCharts charts, TextWriter html)
    {
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>kwsc analyze report</title><style>")
            .Append(Style).Append("</style></head><body>\n");
        page.Append("<h1>FP32 vs quantized: layer-by-layer analysis</h1>\n");
        AnalysisInputs inputs = result.Inputs;
        page.Append(Note($"FP32 {inputs.Fp32}; quantized {string.Join(", ", inputs.Quantized)}; {inputs.Clips} clips from {inputs.Samples} " +
            $"({inputs.LabelledClips} labelled)."));
        page.Append("<ul class=\"findings\">");
        foreach (string finding in Findings.Of(result))
        {
            page.Append("<li>").Append(Encode(finding)).Append("</li>");
        }
        page.Append("</ul>\n");

        AppendSection(page, "Accuracy", inputs.NothingToScore);
        if (inputs.NothingToScore is null)
        {
            AppendTable(page, ["model", "correct", "clips", "top-1 accuracy"],
                result.Models.Select(m => new[] { m.Model, Int(m.Correct), Int(m.Total), Percent(m.Accuracy) }));
        }

        AppendSection(page, "Layer-by-layer error against FP32", "Each quantized model's tensors are dequantized and compared with the FP32 model's output of the same layer on the same clips " +
            "(error = quantized − FP32, over every element of every clip). \"quant\" compares the quantized input with the raw input; \"output\" the log-probabilities.");
        AppendFigures(page, charts.LayerErrors, wide: true);
        foreach (ModelComparison comparison in result.Comparisons)
        {
            AppendHeading(page, comparison.Model);
            AppendTable(page, ["layer", "MSE", "MAE", "cosine", "SQNR (dB)", "error std", "mean error"],
                comparison.Layers.Select(l => new[]
                {
                    l.Layer, Scientific(l.Metrics.Mse), Scientific(l.Metrics.Mae), Cosine(l.Metrics.Cosine),
                    DbCell(l.Metrics.SqnrDb), Scientific(l.Metrics.ErrorStd), Scientific(l.Metrics.MeanError),
                }));
        }

        AppendSection(page, "Per-block sensitivity", "The FP32 model runs with one block (a convolution with its ReLU and pooling, or fc1) executed in int8 with the quantized model's " +
            "weights and quantization parameters: its input is quantized, its output dequantized. \"all\" quantizes every block (the whole int8 model).");
        AppendFigures(page, charts.Sensitivity, wide: true);
        foreach (SensitivityResult sensitivity in result.Sensitivity)
        {
            AppendHeading(page, sensitivity.Model);
            AppendTable(page, ["quantized block", "layers", "top-1 accuracy", "change"],
                sensitivity.Blocks.Append(sensitivity.AllBlocks).Select(b => new[]
                {
                    b.Block, string.Join(" ", b.Layers), Percent(b.Accuracy), Points(b.Accuracy - sensitivity.Fp32Accuracy),
                }));
        }

        AppendSection(page, "Weights", "FP32 weights (BatchNorm folded) and the int8 codes they became; per channel, the share of the int8 range used: " +
            "a channel whose largest code is far below 127 spends fewer distinct levels on its weights.");
        foreach (ModelWeightStatistics model in result.Weights)
        {
            AppendHeading(page, model.Model);
            AppendTable(page, ["layer", "channels", "scale min", "scale max", "range used: min", "mean", "max"],
                model.Layers.Select(l => new[]
                {
                    l.Layer, Int(l.ChannelScales.Length), Scientific(l.ChannelScales.Min()), Scientific(l.ChannelScales.Max()),
                    Percent(l.ChannelRangeUse.Min()), Percent(l.ChannelRangeUse.Average()), Percent(l.ChannelRangeUse.Max()),
                }));
        }
        AppendFigures(page, charts.Weights);

        AppendSection(page, "Activation ranges", "The FP32 model's values at each quantized tensor, over all clips, against the range the int8 tensor can represent. " +
            "Values outside it are clipped; where the values use only part of the range, the codes outside it are wasted and every step is coarser than it need be.");
        foreach (ModelActivationRanges model in result.Activations)
        {
            AppendHeading(page, model.Model);
            AppendTable(page, ["tensor", "FP32 min", "FP32 max", "int8 min", "int8 max", "int8 range used", "clipped"],
                model.Layers.Select(l => new[]
                {
                    l.Layer, Fixed4(l.SeenMin), Fixed4(l.SeenMax), Fixed4(l.QuantizedMin), Fixed4(l.QuantizedMax),
                    Percent(l.RangeUse), FinePercent(l.ClippedShare),
                }));
        }
        AppendFigures(page, charts.Activations);

        AppendSection(page, "Confusion matrices", "Rows: true label; columns: predicted label; colour: share of the row's clips.");
        AppendFigures(page, charts.Confusion);
        page.Append("</body></html>\n");
        html.Write(page.ToString());
    }

    /// <param name="wide">One chart per row, at full width (the per-layer and per-block bar charts), instead of a grid.</param>
    private static void AppendFigures(StringBuilder page, IEnumerable<ReportImage> images, bool wide = false)
    {
        page.Append(wide ? "<div class=\"wide\">\n" : "<div class=\"grid\">\n");
        foreach (ReportImage image in images)
        {
            page.Append("<figure id=\"").Append(image.Name).Append("\"><img alt=\"").Append(Encode(image.Caption))
                .Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(image.Png)).Append("\"><figcaption>")
                .Append(Encode(image.Caption)).Append("</figcaption></figure>\n");
        }
        page.Append("</div>\n");
    }

    private static void AppendTable(StringBuilder page, IReadOnlyList<string> header, IEnumerable<string[]> rows)
    {
        page.Append("<table><tr>");
        foreach (string h in header)
        {
            page.Append("<th>").Append(Encode(h)).Append("</th>");
        }
        page.Append("</tr>\n");
        foreach (string[] row in rows)
        {
            page.Append("<tr>");
            foreach (string cell in row)
            {
                page.Append(IsNumber(cell) ? "<td class=\"n\">" : "<td>").Append(Encode(cell)).Append("</td>");
            }
            page.Append("</tr>\n");
        }
        page.Append("</table>\n");
    }

    /// <summary>Numbers (and ∞) are right-aligned so their digits line up.</summary>
    private static bool IsNumber(string cell) => cell.Length > 0 && (char.IsAsciiDigit(cell[0]) || cell[0] is '-' or '+' or '∞');

    private static void AppendSection(StringBuilder page, string title, string? note)
    {
        page.Append("<h2>").Append(Encode(title)).Append("</h2>\n");
        if (note is not null)
        {
            page.Append(Note(note));
        }
    }

    private static void AppendHeading(StringBuilder page, string text) => page.Append("<h3>").Append(Encode(text)).Append("</h3>\n");

    private static string Note(string text) => $"<p class=\"note\">{Encode(text)}</p>\n";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
