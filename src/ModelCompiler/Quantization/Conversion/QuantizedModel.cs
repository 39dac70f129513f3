using Kws.Runtime.Manifest;

namespace Kws.Compiler.Quantization.Conversion;

/// <summary>
/// An int8 model made by <see cref="PostTrainingQuantizer"/>: its manifest, the quantizer chosen for every observed
/// tensor and weight (by name), and what the user should know about it (degenerate calibration data).
/// </summary>
public sealed record QuantizedModel(
    ModelManifest Manifest, QuantizationRecipe Recipe,
    IReadOnlyDictionary<string, QuantizationParameters> Activations, IReadOnlyDictionary<string, QuantizationParameters> Weights,
    IReadOnlyList<string> Warnings);
