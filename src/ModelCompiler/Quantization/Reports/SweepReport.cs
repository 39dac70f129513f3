using System.Globalization;
using System.Text.Json;
using Kws.Compiler.Analysis.Reports;
using Kws.Compiler.Quantization.Evaluation;
using static Kws.Compiler.Analysis.AnalysisFormat;

namespace Kws.Compiler.Quantization.Reports;

/// <summary>
/// What <c>kwsc quantize --sweep</c> prints: the ranked table (accuracy and its change against FP32, agreement with
/// the float model's answers, mean KL divergence from its output, per-tensor SQNR, weight bytes) and the configurations
/// that could not be made; or, with <c>--json</c>, one object per configuration.
/// </summary>
public sealed record SweepReport(IReadOnlyList<SweepResult> Results, ModelEvaluation Float, string EvaluatedOn, string? PickedPath)
{
    public void WriteText(TextWriter output)
    {
        ModelEvaluation any = Results.FirstOrDefault(r => r.Evaluation is not null)?.Evaluation ?? Float;
        output.WriteLine($"{Results.Count} configurations evaluated on {EvaluatedOn}: {any.Clips} clips, {any.Labelled} labelled; " +
            $"FP32 {(Float.Labelled > 0 ? Accuracy(Float) : "(no labels)")}");
        output.WriteLine();
        List<string> tensors = [.. Results.Where(r => r.Evaluation is not null).SelectMany(r => r.Evaluation!.Layers.Select(l => l.Layer)).Distinct()];
        AnalysisTableWriter.WriteTable(output, ["rank", "configuration", "from", "accuracy", "change", "agree", "KL", .. tensors.Select(t => "SQNR " + t), "bytes"],
            Results.Where(r => r.Evaluation is not null).Select(r => (string[])
            [
                Int(r.Rank), r.Entry.Name, r.Entry.OriginName, .. Scores(r.Evaluation!, Float, tensors),
                r.WeightBytes.ToString(CultureInfo.InvariantCulture),
            ]));
        List<SweepResult> failed = [.. Results.Where(r => r.Error is not null)];
        if (failed.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"not run ({failed.Count}):");
            foreach (SweepResult r in failed)
            {
                output.WriteLine($"  {r.Entry.Name} ({r.Entry.OriginName}): {r.Error}");
            }
        }
        if (PickedPath is not null)
        {
            SweepResult best = Results[0];
            output.WriteLine();
            output.WriteLine($"wrote {PickedPath}: rank 1, {best.Entry.Name}");
        }
    }

    public string ToJson() => JsonSerializer.Serialize(new
    {
        format = "kws-quantize-sweep",
        formatVersion = 1,
        evaluatedOn = EvaluatedOn,
        @float = Json(Float),
        picked = PickedPath,
        configurations = Results.Select(r => new
        {
            rank = r.Rank,
            configuration = r.Entry.Name,
            origin = r.Entry.OriginName,
            activations = r.Entry.Recipe.Activations.Name,
            weights = r.Entry.Recipe.Weights.Name,
            biasCorrection = r.Entry.Recipe.BiasCorrection,
            int8Blocks = r.Entry.Int8Blocks,
            evaluation = r.Evaluation is null ? null : Json(r.Evaluation),
            weightBytes = r.Evaluation is null ? (long?)null : r.WeightBytes,
            error = r.Error,
        }),
    }, QuantizeReport.JsonOptions);

    /// <summary>The float model and some evaluated models side by side.</summary>
    internal static void WriteEvaluations(TextWriter output, ModelEvaluation fp32, IReadOnlyList<(string Name, ModelEvaluation Evaluation)> models)
    {
        List<string> tensors = [.. models.SelectMany(m => m.Evaluation.Layers.Select(l => l.Layer)).Distinct()];
        AnalysisTableWriter.WriteTable(output, ["model", "accuracy", "change", "agree", "KL", .. tensors.Select(t => "SQNR " + t)],
            [
                ["FP32", Accuracy(fp32), "", "", "", .. tensors.Select(_ => "")],
                .. models.Select(m => (string[])[m.Name, .. Scores(m.Evaluation, fp32, tensors)]),
            ]);
    }

    /// <summary>accuracy, change, agreement, KL, then the SQNR of each tensor ("-" where the model has none).</summary>
    private static string[] Scores(ModelEvaluation e, ModelEvaluation fp32, IReadOnlyList<string> tensors) =>
    [
        Accuracy(e), Change(e, fp32), Percent(e.Agreement / 100), Fixed4(e.MeanDivergence),
        .. tensors.Select(t => e.Layers.FirstOrDefault(l => l.Layer == t) is LayerSqnr l ? DbCell(l.Db) : "-"),
    ];

    internal static object Json(ModelEvaluation e) => new
    {
        accuracy = e.Labelled == 0 ? (double?)null : Math.Round(e.Accuracy, 4),
        correct = e.Correct,
        labelled = e.Labelled,
        clips = e.Clips,
        agreement = Math.Round(e.Agreement, 4),
        meanKlDivergence = e.MeanDivergence,
        meanNegativeLogLikelihood = double.IsNaN(e.MeanNegativeLogLikelihood) ? (double?)null : e.MeanNegativeLogLikelihood,
        sqnrDb = e.Layers.ToDictionary(l => l.Layer, l => Math.Round(l.Db, 3)),
    };

    private static string Accuracy(ModelEvaluation e) => e.Labelled == 0 ? "-" : Percent(e.Accuracy / 100);

    private static string Change(ModelEvaluation e, ModelEvaluation fp32) =>
        e.Labelled == 0 || fp32.Labelled == 0 ? "-" : Points((e.Accuracy - fp32.Accuracy) / 100);
}
