using Kws.Compiler.Quantization.Conversion;

namespace Kws.Compiler.Quantization.Evaluation;

/// <summary>
/// One configuration's outcome: its model and evaluation, or why it could not be made (PyTorch's refusal or the
/// engines'), like the seed's <c>{"error": ...}</c> entries. <see cref="Rank"/> is 1 for the best; 0 for an error.
/// </summary>
public sealed record SweepResult(SweepEntry Entry, QuantizedModel? Model, ModelEvaluation? Evaluation, long WeightBytes, string? Error)
{
    public int Rank { get; init; }
}
