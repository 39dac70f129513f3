using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kws.Compiler.Analysis.Reports;
using Kws.Compiler.Quantization.Calibration;
using Kws.Compiler.Quantization.Conversion;
using Kws.Compiler.Quantization.Evaluation;
using Kws.Runtime.Manifest;
using static Kws.Compiler.Analysis.AnalysisFormat;

namespace Kws.Compiler.Quantization.Reports;

/// <summary>What <c>kwsc quantize</c> prints for one model: where it went, each quantizer chosen, and the evaluation if asked.</summary>
public sealed record QuantizeReport(
    string? OutputPath, QuantizedModel Model, CalibrationStatistics Statistics, int BatchSize, double Seconds,
    string? EvaluatedOn, ModelEvaluation? Float, ModelEvaluation? Quantized)
{
    /// <summary>The decisions of <c>--activations auto</c>, in order; null otherwise.</summary>
    public IReadOnlyList<RecipeSearch.Step>? Search { get; init; }

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public void WriteText(TextWriter output)
    {
        ModelManifest manifest = Model.Manifest;
        int batches = (Statistics.Clips + BatchSize - 1) / BatchSize;
        output.WriteLine($"wrote {OutputPath}: {manifest.Name}, {ManifestWriter.PrecisionName(manifest.Precision)}, {manifest.Layers.Count} layers, " +
            $"from {manifest.Source.File}; {Statistics.Clips} calibration clips in {batches} batch{(batches == 1 ? "" : "es")} of up to {BatchSize} " +
            $"({Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s)");
        output.WriteLine($"recipe: {Model.Recipe.Name}");
        output.WriteLine();
        AnalysisTableWriter.WriteTable(output, ["tensor", "method", "scale", "zero point", "range"],
            Model.Activations.Select(a => new[]
            {
                a.Key, Model.Recipe.For(a.Key).Name, Number(a.Value.Scale), Int(a.Value.ZeroPoint), Range(a.Value),
            }));
        output.WriteLine();
        AnalysisTableWriter.WriteTable(output, ["weights", "method", "scales"],
            Model.Weights.Select(w => new[]
            {
                w.Key, Model.Recipe.Weights.Name + (Model.Recipe.BiasCorrection ? " + bias correction" : ""),
                w.Value.Scales.Length == 1 ? Number(w.Value.Scale) : $"{Number(w.Value.Scales.Min())}..{Number(w.Value.Scales.Max())}",
            }));
        if (Search is not null)
        {
            output.WriteLine();
            output.WriteLine($"auto, on the {Statistics.Clips} calibration clips (accuracy on the labelled ones, KL from the float output):");
            foreach (RecipeSearch.Step step in Search)
            {
                output.WriteLine($"  {step.Decides}: {step.Chosen}  ({string.Join(", ", step.Tried.Select(t =>
                    $"{t.Choice} {(t.Evaluation.Labelled > 0 ? Percent(t.Evaluation.Accuracy / 100) + " " : "")}{Fixed4(t.Evaluation.MeanDivergence)}"))})");
            }
        }
        foreach (string warning in Model.Warnings)
        {
            output.WriteLine("warning: " + warning);
        }
        if (Float is not null && Quantized is not null)
        {
            output.WriteLine();
            output.WriteLine($"evaluated on {EvaluatedOn}: {Quantized.Clips} clips, {Quantized.Labelled} labelled");
            SweepReport.WriteEvaluations(output, Float, [("int8", Quantized)]);
        }
    }

    public string ToJson() => JsonSerializer.Serialize(new
    {
        format = "kws-quantize",
        formatVersion = 1,
        output = OutputPath,
        name = Model.Manifest.Name,
        precision = ManifestWriter.PrecisionName(Model.Manifest.Precision),
        source = Model.Manifest.Source.File,
        recipe = Model.Recipe.Name,
        calibration = new { clips = Statistics.Clips, batchSize = BatchSize },
        seconds = Math.Round(Seconds, 3),
        activations = Model.Activations.Select(a => new
        {
            tensor = a.Key, method = Model.Recipe.For(a.Key).Name, scale = a.Value.Scale, zeroPoint = a.Value.ZeroPoint,
        }),
        weights = Model.Weights.Select(w => new
        {
            layer = w.Key, method = Model.Recipe.Weights.Name, biasCorrection = Model.Recipe.BiasCorrection,
            scales = w.Value.Scales, zeroPoints = w.Value.ZeroPoints,
        }),
        warnings = Model.Warnings,
        search = Search?.Select(step => new
        {
            decides = step.Decides,
            chosen = step.Chosen,
            tried = step.Tried.Select(t => new { choice = t.Choice, evaluation = SweepReport.Json(t.Evaluation) }),
        }),
        evaluation = Float is null || Quantized is null ? null : new
        {
            clips = EvaluatedOn,
            @float = SweepReport.Json(Float),
            int8 = SweepReport.Json(Quantized),
        },
    }, JsonOptions);

    /// <summary>The real values the codes 0..255 cover.</summary>
    private static string Range(QuantizationParameters q) =>
        $"[{Number(q.Scale * (0 - q.ZeroPoint))}, {Number(q.Scale * (255 - q.ZeroPoint))}]";

    private static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
