using Kws.Compiler.Export;
using Kws.Runtime.Manifest;

namespace Kws.Compiler.Recognition;

/// <summary>
/// The trained parameters of one weighted layer, ready for the manifest: float32 weights (BatchNorm already folded)
/// or int8 codes with their quantization, the float32 bias, and for int8 models the output quantization.
/// </summary>
public sealed record StageWeights(
    float[]? FloatWeights, sbyte[]? Int8Weights, WeightQuantization? WeightQuantization, float[] Bias, ActivationQuantization? Output);

/// <summary>A Conv1d(+BatchNorm)+ReLU stage of the M5, as its weights describe it.</summary>
public sealed record ConvStage(string Name, int InChannels, int OutChannels, int KernelSize, StageWeights Weights);

/// <summary>The M5's final Linear layer.</summary>
public sealed record LinearStage(string Name, int InFeatures, int OutFeatures, StageWeights Weights);

/// <summary>
/// An M5 recognised from a state_dict: precision, the four convolution stages, the classifier, and for int8 models
/// the quant stub's input quantization. Everything here comes from the weights; the config adds only the stride and
/// the input format (<see cref="ModelGraphBuilder"/>).
/// </summary>
public sealed record M5Model(
    ModelPrecision Precision, ActivationQuantization? InputQuantization, IReadOnlyList<ConvStage> Convolutions, LinearStage Classifier)
{
    public int InputChannels => Convolutions[0].InChannels;
    public int Classes => Classifier.OutFeatures;
}
