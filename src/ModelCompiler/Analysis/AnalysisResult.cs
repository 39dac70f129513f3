using Kws.Compiler.Analysis.Collectors;

namespace Kws.Compiler.Analysis;

/// <summary>
/// Everything <c>kwsc analyze</c> measured, in the shape the table, the JSON and the HTML report are written from.
/// <see cref="Models"/> lists the FP32 model first, then each quantized model in command-line order.
/// </summary>
public sealed record AnalysisResult(
    AnalysisInputs Inputs,
    IReadOnlyList<ModelAccuracy> Models,
    IReadOnlyList<ModelComparison> Comparisons,
    IReadOnlyList<SensitivityResult> Sensitivity,
    IReadOnlyList<ModelWeightStatistics> Weights,
    IReadOnlyList<ModelActivationRanges> Activations);

/// <summary>What was analysed: checkpoint files, the sample folder and how many clips (labelled ones count for accuracy).</summary>
public sealed record AnalysisInputs(string Fp32, IReadOnlyList<string> Quantized, string Samples, int Clips, int LabelledClips)
{
    /// <summary>What the reports say instead of an accuracy when no clip carries one of the model's labels; null when some do.</summary>
    public string? NothingToScore => LabelledClips > 0 ? null :
        $"{Clips} clips, none in a folder named after one of the model's labels (<dir>/<label>/*.wav): nothing to score, " +
        "so no accuracy, sensitivity or confusion matrices.";
}

/// <summary>One model's top-1 accuracy on the labelled clips and its confusion matrix (rows: true label, columns: predicted).</summary>
public sealed record ModelAccuracy(string Model, string Kind, int Correct, int Total, IReadOnlyList<string> Labels, int[][] Confusion)
{
    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;
}

/// <summary>Layer-by-layer error of one quantized model against the FP32 model, in execution order.</summary>
public sealed record ModelComparison(string Model, IReadOnlyList<LayerComparison> Layers);

/// <summary>The error of one tensor: the layer's dequantized output against the FP32 model's output of the same layer.</summary>
public sealed record LayerComparison(string Layer, ErrorMetrics Metrics);

/// <summary>
/// Accuracy of the FP32 model with only one block of <see cref="Model"/> quantized, for each block, and with all of
/// them quantized; <see cref="Fp32Accuracy"/> is the baseline with none.
/// </summary>
public sealed record SensitivityResult(string Model, double Fp32Accuracy, IReadOnlyList<BlockSensitivity> Blocks, BlockSensitivity AllBlocks);

/// <summary>Accuracy when the layers of <see cref="Block"/> run in int8 and the rest in FP32.</summary>
public sealed record BlockSensitivity(string Block, IReadOnlyList<string> Layers, int Correct, int Total)
{
    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;
}

/// <summary>Per-layer weight statistics of one quantized model, next to the FP32 weights they were quantized from.</summary>
public sealed record ModelWeightStatistics(string Model, IReadOnlyList<LayerWeightStatistics> Layers);

/// <summary>
/// One weighted layer: histograms of the FP32 weights (BatchNorm folded) and of the int8 codes, each output channel's
/// weight scale, and the share of the int8 range it uses (max |code| / 127: low values waste resolution).
/// </summary>
public sealed record LayerWeightStatistics(
    string Layer, Histogram Fp32Weights, Histogram Int8Codes, double[] ChannelScales, double[] ChannelRangeUse);

/// <summary>Activation ranges of one quantized model's tensors.</summary>
public sealed record ModelActivationRanges(string Model, IReadOnlyList<ActivationRange> Layers);

/// <summary>
/// The FP32 model's values at one quantized tensor (over all clips) against the range the int8 model can represent
/// there, scale·(0 − zp) .. scale·(255 − zp): <see cref="ClippedShare"/> of the values fall outside it.
/// </summary>
public sealed record ActivationRange(
    string Layer, double SeenMin, double SeenMax, double QuantizedMin, double QuantizedMax, double ClippedShare, Histogram Fp32Values)
{
    /// <summary>The share of the int8 range the FP32 values span: well below 1, most codes are never used and the step is coarser than it need be.</summary>
    public double RangeUse => Math.Max(0, Math.Min(SeenMax, QuantizedMax) - Math.Max(SeenMin, QuantizedMin)) / (QuantizedMax - QuantizedMin);
}
