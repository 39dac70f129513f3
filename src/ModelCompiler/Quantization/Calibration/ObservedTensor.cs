using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;

namespace Kws.Compiler.Quantization.Calibration;

/// <summary>
/// A tensor of the FP32 model that gets its own quantizer in the int8 model, as PyTorch's eager PTQ places observers:
/// the model input (the quant stub, named <see cref="InputName"/> like the quantize step) and the output of every Conv1d
/// and Linear. Pooling layers keep their input's quantizer and the log-softmax runs in float, so they get none.
/// </summary>
/// <param name="Name">The quant stub's or the layer's name (quant, conv1, ..., fc1).</param>
/// <param name="LayerIndex">The FP32 layer producing it (its index in the traced outputs), or -1 for the model input.</param>
/// <param name="ObservationsPerBatch">
/// How often PyTorch's observer sees each batch: twice for a layer with a fused ReLU (the fused module is an
/// nn.Sequential that calls its observer, and the forward hook calls it again), once otherwise. Only a moving average
/// notices (docs/calibration.md).
/// </param>
public sealed record ObservedTensor(string Name, int LayerIndex, int ObservationsPerBatch)
{
    public const string InputName = "quant";

    public bool IsInput => LayerIndex < 0;

    /// <summary>The observed tensors of a float model, in execution order.</summary>
    public static IReadOnlyList<ObservedTensor> Of(ModelManifest fp32)
    {
        var tensors = new List<ObservedTensor> { new(InputName, -1, 1) };
        for (int i = 0; i < fp32.Layers.Count; i++)
        {
            if (fp32.Layers[i].Accept(OutputQuantizers.Instance, fp32.Tensors[i]) is int observations)
            {
                tensors.Add(new ObservedTensor(fp32.Layers[i].Name, i, observations));
            }
        }
        return tensors;
    }

    /// <summary>Which layers produce a newly quantized tensor, and how often PyTorch observes it per batch (null: none).</summary>
    private sealed class OutputQuantizers : ILayerVisitor<int?>
    {
        public static readonly OutputQuantizers Instance = new();

        public int? Visit(QuantizeLayer layer, TensorSpec input) => null;

        public int? Visit(Conv1dLayer layer, TensorSpec input) => layer.Relu ? 2 : 1;

        public int? Visit(MaxPool1dLayer layer, TensorSpec input) => null;

        public int? Visit(GlobalAvgPool1dLayer layer, TensorSpec input) => null;

        public int? Visit(AdaptiveAvgPool1dLayer layer, TensorSpec input) => null;

        public int? Visit(LinearLayer layer, TensorSpec input) => layer.Relu ? 2 : 1;

        public int? Visit(DequantizeLayer layer, TensorSpec input) => null;

        public int? Visit(LogSoftmaxLayer layer, TensorSpec input) => null;
    }
}
