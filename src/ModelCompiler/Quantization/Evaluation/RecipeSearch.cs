using Kws.Compiler.Cli;
using Kws.Compiler.Quantization.Conversion;
using Kws.Compiler.Quantization.Ranges;
using Kws.Runtime.Manifest;

namespace Kws.Compiler.Quantization.Evaluation;

/// <summary>
/// <c>--activations auto</c>: picks each activation's range method on the calibration clips themselves. Starting from
/// <see cref="Start"/>, tensor after tensor in execution order, every candidate method is tried for that tensor with
/// the others kept, and the best model (most correct answers on the labelled clips, then the output closest to the
/// float model's) keeps its choice; then the weight range and bias correction are chosen the same way. Greedy: each
/// decision sees the ones before it. Candidate models of one step are evaluated together in one pass over the clips.
/// </summary>
public static class RecipeSearch
{
    private static readonly ObserverSettings FullRange = new(QuantizedType.QUInt8, Symmetric: false);

    /// <summary>Where the search starts: MSE ranges over the full quint8 range, the given weights, bias correction.</summary>
    public static QuantizationRecipe Start(WeightRecipe weights) => new(new ActivationRecipe(ActivationMethod.Mse, FullRange), weights, BiasCorrection: true);

    /// <summary>The methods tried for each tensor.</summary>
    public static IReadOnlyList<ActivationRecipe> Candidates { get; } =
    [
        new(ActivationMethod.Mse, FullRange),
        new(ActivationMethod.Histogram, FullRange),
        new(ActivationMethod.MinMax, FullRange),
        new(ActivationMethod.Percentile, FullRange, 99.9),
        new(ActivationMethod.Percentile, FullRange, 99.99),
        new(ActivationMethod.Percentile, FullRange, 99.999),
        new(ActivationMethod.Entropy, FullRange),
    ];

    /// <summary>One decision: what was tried and what won.</summary>
    public sealed record Step(string Decides, IReadOnlyList<(string Choice, ModelEvaluation Evaluation)> Tried, string Chosen);

    public static (QuantizationRecipe Recipe, IReadOnlyList<Step> Steps) Run(PostTrainingQuantizer quantizer, ModelEvaluator evaluator,
        WeightRecipe weights, string name, SourceCheckpoint source, ProgressBar? progress = null)
    {
        QuantizationRecipe current = Start(weights);
        var steps = new List<Step>();
        foreach (string tensor in quantizer.Statistics.Tensors.Select(t => t.Name))
        {
            QuantizationRecipe[] options = [.. Candidates.Select(c => current with { PerTensor = new Dictionary<string, ActivationRecipe>(current.PerTensor) { [tensor] = c } })];
            (current, Step step) = Decide(tensor, options, r => r.For(tensor).Name, quantizer, evaluator, name, source, progress);
            steps.Add(step);
        }
        QuantizationRecipe[] weightOptions =
        [
            .. new[] { WeightRange.MinMax, WeightRange.Mse }.SelectMany(range => new[] { true, false }
                .Select(correct => current with { Weights = current.Weights with { Range = range }, BiasCorrection = correct })),
        ];
        (current, Step weightStep) = Decide("weights", weightOptions, r => r.Weights.Name + (r.BiasCorrection ? " + bias correction" : ""),
            quantizer, evaluator, name, source, progress);
        steps.Add(weightStep);
        return (current, steps);
    }

    private static (QuantizationRecipe, Step) Decide(string decides, QuantizationRecipe[] options, Func<QuantizationRecipe, string> choice,
        PostTrainingQuantizer quantizer, ModelEvaluator evaluator, string name, SourceCheckpoint source, ProgressBar? progress)
    {
        ModelManifest[] models = [.. options.Select(o => quantizer.Quantize(o, name, source).Manifest)];
        IReadOnlyList<ModelEvaluation> evaluations = evaluator.Evaluate(models, traceLayers: false, progress);
        int best = Enumerable.Range(0, options.Length)
            .OrderBy(i => evaluations[i].MeanDivergence).ThenByDescending(i => evaluations[i].Correct).First();
        return (options[best], new Step(decides, [.. options.Select((o, i) => (choice(o), evaluations[i]))], choice(options[best])));
    }
}
