using Kws.Compiler.Cli;
using Kws.Compiler.Quantization.Calibration;
using Kws.Compiler.Quantization.Conversion;
using Kws.Runtime;
using Kws.Runtime.Manifest;

namespace Kws.Compiler.Quantization.Evaluation;

/// <summary>
/// Makes the model of every configuration (in parallel: the range searches are the cost), evaluates all of them in one
/// pass over the clips, and ranks them: highest accuracy first when the clips are labelled, then the output closest to
/// the float model's (mean KL divergence), then the grid's order.
/// </summary>
public static class Sweep
{
    public static IReadOnlyList<SweepResult> Run(PostTrainingQuantizer quantizer, IReadOnlyList<SweepEntry> entries, ModelEvaluator evaluator,
        string name, SourceCheckpoint source, ProgressBar? progress = null)
    {
        var made = new (QuantizedModel? Model, string? Error)[entries.Count];
        var shared = new ConcurrentProgress(progress);
        shared.Start("quantizing", entries.Count);
        Parallel.For(0, entries.Count, i =>
        {
            SweepEntry entry = entries[i];
            try
            {
                made[i] = entry.Recipe.Problem is string problem
                    ? (null, problem)
                    : (quantizer.Quantize(entry.Recipe, name, source, entry.Int8Blocks), null);
            }
            catch (CalibrationException e)
            {
                made[i] = (null, e.Message);
            }
            shared.Advance();
        });
        List<int> runnable = [.. Enumerable.Range(0, entries.Count).Where(i => made[i].Model is not null)];
        IReadOnlyList<ModelEvaluation> evaluations = evaluator.Evaluate([.. runnable.Select(i => made[i].Model!.Manifest)], traceLayers: true, progress);
        var results = entries.Select((e, i) => new SweepResult(e, made[i].Model, null, 0, made[i].Error)).ToList();
        for (int k = 0; k < runnable.Count; k++)
        {
            int i = runnable[k];
            results[i] = results[i] with { Evaluation = evaluations[k], WeightBytes = ModelFootprint.WeightBytes(made[i].Model!.Manifest) };
        }
        return Rank(results);
    }

    /// <summary>Best first; configurations that could not be made last, in grid order, with rank 0.</summary>
    public static IReadOnlyList<SweepResult> Rank(IReadOnlyList<SweepResult> results)
    {
        List<SweepResult> evaluated = [.. results.Where(r => r.Evaluation is not null)
            .Order(Comparer<SweepResult>.Create((a, b) => ModelEvaluation.Better(a.Evaluation!, b.Evaluation!)))
            .Select((r, rank) => r with { Rank = rank + 1 })];
        return [.. evaluated, .. results.Where(r => r.Evaluation is null)];
    }
}
