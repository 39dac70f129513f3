using Kws.Compiler.Export;
using Kws.Runtime.Manifest;

namespace Kws.Compiler.Recognition;

/// <summary>
/// The trained parameters of one weighted layer, ready for the manifest: float32 weights (BatchNorm already folded)
/// or int8 codes with their quantization, the float32 bias, and for int8 layers the output quantization.
/// </summary>
public sealed record StageWeights(
    float[]? FloatWeights, sbyte[]? Int8Weights, WeightQuantization? WeightQuantization, float[] Bias, ActivationQuantization? Output)
{
    public bool IsInt8 => Int8Weights is not null;
}

/// <summary>
/// A Conv1d(+BatchNorm)+ReLU stage of the M5, as its weights describe it. <paramref name="Name"/> is the M5's name
/// for it (conv1..conv4, whatever the layout), <paramref name="Module"/> where the checkpoint keeps it
/// (conv1, block1.block.0, block1.block.0.0), <paramref name="BatchNormModule"/> the BatchNorm kwsc folded (unfused
/// float stages only).
/// </summary>
public sealed record ConvStage(
    string Name, string Module, string? BatchNormModule, BlockForm Form, int InChannels, int OutChannels, int KernelSize, StageWeights Weights);

/// <summary>The M5's final Linear layer.</summary>
public sealed record LinearStage(string Name, int InFeatures, int OutFeatures, StageWeights Weights);

/// <summary>
/// An M5 recognised from a state_dict: its layout, which part is int8, the four convolution stages, the classifier,
/// and for quantized checkpoints the quant stub's quantization (of the model input, or of the one int8 block's input).
/// Everything here comes from the weights; the config adds only the stride and the input format
/// (<see cref="ModelGraphBuilder"/>).
/// </summary>
public sealed record M5Model(
    CheckpointLayout Layout, QuantizationScope Scope, ActivationQuantization? InputQuantization,
    IReadOnlyList<ConvStage> Convolutions, LinearStage Classifier)
{
    public ModelPrecision Precision => Scope.Precision();

    public int InputChannels => Convolutions[0].InChannels;

    public int Classes => Classifier.OutFeatures;

    /// <summary>The stages in int8, 1-based (all four, one, or none).</summary>
    public IReadOnlyList<int> Int8Blocks =>
        Convolutions.Select((c, i) => (c, i)).Where(p => p.c.Form.IsInt8()).Select(p => p.i + 1).ToArray();

    /// <summary>
    /// True when the forward pools with F.adaptive_avg_pool1d(x, 1), as M5Modular, PTQM5Modular and QATM5Modular do
    /// (on codes it rounds differently from F.avg_pool1d); the M5 and the layer-wise forwards use F.avg_pool1d.
    /// </summary>
    public bool AdaptiveAveragePool => Layout == CheckpointLayout.Modular && Scope != QuantizationScope.SingleBlock;
}
