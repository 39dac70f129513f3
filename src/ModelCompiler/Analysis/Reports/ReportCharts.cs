using Kws.Compiler.Analysis.Collectors;
using Kws.Compiler.Cli;

namespace Kws.Compiler.Analysis.Reports;

/// <summary>
/// Renders every chart of the report from an <see cref="AnalysisResult"/>, grouped by report section. The HTML writer
/// embeds them; <c>kwsc analyze -o</c> also writes them beside report.html for documents to link.
/// </summary>
public sealed class ReportCharts
{
    private ReportCharts() { }

    public List<ReportImage> LayerErrors { get; } = [];
    public List<ReportImage> Sensitivity { get; } = [];
    public List<ReportImage> Weights { get; } = [];
    public List<ReportImage> Activations { get; } = [];
    public List<ReportImage> Confusion { get; } = [];

    public IEnumerable<ReportImage> All => LayerErrors.Concat(Sensitivity).Concat(Weights).Concat(Activations).Concat(Confusion);

    /// <summary>Plans every chart first, so <paramref name="progress"/> knows the count, then draws them in order.</summary>
    public static ReportCharts Render(AnalysisResult result, ProgressBar? progress = null)
    {
        var charts = new ReportCharts();
        var planned = new List<(List<ReportImage> Section, string Name, string Caption, Func<byte[]> Draw)>();
        void Add(List<ReportImage> section, string name, string caption, Func<byte[]> draw) => planned.Add((section, name, caption, draw));

        if (result.Comparisons.Count > 0)
        {
            IReadOnlyList<string> layers = result.Comparisons[0].Layers.Select(l => l.Layer).ToList();
            List<ChartRenderer.Series> Metric(Func<ErrorMetrics, double> pick) => result.Comparisons
                .Select(c => new ChartRenderer.Series(c.Model, c.Layers.Select(l => pick(l.Metrics)).ToList())).ToList();
            Add(charts.LayerErrors, "layer-sqnr", "SQNR per layer (dB, higher is better): how far above the quantization noise each tensor's signal stays.",
                () => ChartRenderer.GroupedBars("SQNR per layer against FP32", "SQNR (dB)", layers, Metric(m => m.SqnrDb)));
            Add(charts.LayerErrors, "layer-cosine", "1 − cosine similarity per layer, log scale (lower is better; 0 would be a perfect match in direction).",
                () => ChartRenderer.GroupedBars("1 − cosine similarity per layer against FP32", "1 − cosine (log scale)", layers, Metric(m => 1 - m.Cosine), valueFormat: null, logScale: true));
            Add(charts.LayerErrors, "layer-mse", "Mean squared error per layer, log scale (tensors differ in magnitude: compare models within a layer).",
                () => ChartRenderer.GroupedBars("MSE per layer against FP32", "MSE (log scale)", layers, Metric(m => m.Mse), valueFormat: null, logScale: true));
        }

        if (result.Sensitivity.Count > 0 && result.Sensitivity[0].AllBlocks.Total > 0)
        {
            List<string> categories = ["none (FP32)", .. result.Sensitivity[0].Blocks.Select(b => b.Block), "all"];
            var series = result.Sensitivity.Select(s => new ChartRenderer.Series(s.Model,
                [s.Fp32Accuracy * 100, .. s.Blocks.Select(b => b.Accuracy * 100), s.AllBlocks.Accuracy * 100])).ToList();
            Add(charts.Sensitivity, "sensitivity", "Accuracy with one block quantized and the rest in FP32: the lower the bar, the more that block's quantization costs.",
                () => ChartRenderer.GroupedBars("Accuracy with one block quantized", "top-1 accuracy (%)", categories, series));
        }

        foreach (ModelWeightStatistics model in result.Weights)
        {
            foreach (LayerWeightStatistics layer in model.Layers)
            {
                if (model == result.Weights[0])
                {
                    Add(charts.Weights, $"weights-fp32-{layer.Layer}", $"{layer.Layer}: FP32 weights (BatchNorm folded).",
                        () => ChartRenderer.HistogramChart($"{layer.Layer} FP32 weights", "weight", layer.Fp32Weights, logCounts: true));
                }
                Add(charts.Weights, $"weights-{Slug(model.Model)}-{layer.Layer}", $"{model.Model} {layer.Layer}: int8 weight codes.",
                    () => ChartRenderer.HistogramChart($"{model.Model} {layer.Layer} int8 codes", "code", layer.Int8Codes, logCounts: true));
                Add(charts.Weights, $"range-{Slug(model.Model)}-{layer.Layer}", $"{model.Model} {layer.Layer}: share of the int8 range each output channel uses (max |code| / 127).",
                    () => ChartRenderer.ChannelBars($"{model.Model} {layer.Layer} int8 range used per channel", "max |code| / 127", layer.ChannelRangeUse, 1.05));
            }
        }

        if (result.Activations.Count > 0)
        {
            for (int i = 0; i < result.Activations[0].Layers.Count; i++)
            {
                ActivationRange first = result.Activations[0].Layers[i];
                var markers = result.Activations.SelectMany((model, m) => new[]
                {
                    new ChartRenderer.Marker($"{model.Model} range", model.Layers[i].QuantizedMin, m),
                    new ChartRenderer.Marker("", model.Layers[i].QuantizedMax, m),
                }).ToList();
                Add(charts.Activations, $"activations-{first.Layer}", $"{first.Layer}: FP32 activations over all clips; dashed lines: each model's representable int8 range.",
                    () => ChartRenderer.HistogramChart($"{first.Layer} FP32 activations", "value", first.Fp32Values, logCounts: true, markers));
            }
        }

        foreach (ModelAccuracy model in result.Models.Where(m => m.Total > 0))
        {
            Add(charts.Confusion, $"confusion-{Slug(model.Model)}", $"{model.Model}: confusion matrix, {AnalysisFormat.Percent(model.Accuracy)} top-1 on {model.Total} clips.",
                () => ChartRenderer.ConfusionMatrix($"{model.Model} confusion matrix ({AnalysisFormat.Percent(model.Accuracy)})", model.Labels, model.Confusion));
        }
        progress?.Start("charts", planned.Count);
        foreach (var (section, name, caption, draw) in planned)
        {
            section.Add(new ReportImage(name, caption, draw()));
            progress?.Advance();
        }
        return charts;
    }

    /// <summary>A file-name-safe form of a model name.</summary>
    public static string Slug(string name) =>
        new string(name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());
}
