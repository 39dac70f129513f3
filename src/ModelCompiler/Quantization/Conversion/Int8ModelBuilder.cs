using Kws.Compiler.Quantization.Calibration;
using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;

namespace Kws.Compiler.Quantization.Conversion;

/// <summary>
/// Lays out the int8 model PyTorch's eager <c>convert</c> makes from a float model: a quantize step for the input, each
/// Conv1d and Linear with int8 weights reading the previous quantizer and writing its own, max pooling and the global
/// average pool on codes (keeping their input's quantizer), a dequantize step before the float log-softmax. The layer
/// names stay the float model's, so the result is the manifest <c>kwsc export</c> writes for a PTQ checkpoint.
/// </summary>
public sealed class Int8ModelBuilder : ILayerVisitor<IEnumerable<LayerSpec>>
{
    private readonly Func<string, ActivationQuantization> activation;
    private readonly Func<WeightedLayerSpec, Int8Weights> weights;
    private ActivationQuantization? current;

    private Int8ModelBuilder(Func<string, ActivationQuantization> activation, Func<WeightedLayerSpec, Int8Weights> weights)
    {
        this.activation = activation;
        this.weights = weights;
    }

    /// <summary>A weighted layer's int8 codes, their quantization and its (possibly corrected) float bias.</summary>
    public sealed record Int8Weights(sbyte[] Codes, WeightQuantization Quantization, float[] Bias);

    /// <param name="fp32">The float model.</param>
    /// <param name="activation">The quantizer of an observed tensor, by name (<see cref="ObservedTensor"/>).</param>
    /// <param name="weights">The int8 form of a weighted layer.</param>
    /// <param name="name">The int8 model's name.</param>
    /// <param name="source">The checkpoint it came from.</param>
    public static ModelManifest Build(ModelManifest fp32, Func<string, ActivationQuantization> activation,
        Func<WeightedLayerSpec, Int8Weights> weights, string name, SourceCheckpoint source)
    {
        var builder = new Int8ModelBuilder(activation, weights);
        ActivationQuantization input = activation(ObservedTensor.InputName);
        var layers = new List<LayerSpec> { new QuantizeLayer(ObservedTensor.InputName, fp32.Tensors[0].Channels, fp32.Tensors[0].Length, input) };
        builder.current = input;
        for (int i = 0; i < fp32.Layers.Count; i++)
        {
            layers.AddRange(fp32.Layers[i].Accept(builder, fp32.Tensors[i]));
        }
        return new ModelManifest(name, source, fp32.Compiler, fp32.Labels, fp32.SampleRate, fp32.InputLength, layers);
    }

    public IEnumerable<LayerSpec> Visit(QuantizeLayer layer, TensorSpec input) =>
        throw new InvalidOperationException("the float model to quantize already has a quantize step");

    public IEnumerable<LayerSpec> Visit(Conv1dLayer layer, TensorSpec input)
    {
        Int8Weights w = weights(layer);
        ActivationQuantization output = activation(layer.Name);
        var conv = new Conv1dLayer(layer.Name, layer.InChannels, layer.OutChannels, layer.KernelSize, layer.Stride, layer.InputLength,
            layer.OutputLength, layer.Relu, w.Bias, null, w.Codes, w.Quantization, current, output);
        current = output;
        return [conv];
    }

    public IEnumerable<LayerSpec> Visit(MaxPool1dLayer layer, TensorSpec input) => [layer];

    public IEnumerable<LayerSpec> Visit(GlobalAvgPool1dLayer layer, TensorSpec input) =>
        [new GlobalAvgPool1dLayer(layer.Name, layer.Channels, layer.InputLength, current)];

    public IEnumerable<LayerSpec> Visit(AdaptiveAvgPool1dLayer layer, TensorSpec input) =>
        [new AdaptiveAvgPool1dLayer(layer.Name, layer.Channels, layer.InputLength, current)];

    public IEnumerable<LayerSpec> Visit(LinearLayer layer, TensorSpec input)
    {
        Int8Weights w = weights(layer);
        ActivationQuantization output = activation(layer.Name);
        var linear = new LinearLayer(layer.Name, layer.InChannels, layer.OutChannels, layer.Relu, w.Bias, null, w.Codes, w.Quantization, current, output);
        current = output;
        return [linear];
    }

    public IEnumerable<LayerSpec> Visit(DequantizeLayer layer, TensorSpec input) =>
        throw new InvalidOperationException("the float model to quantize already has a dequantize step");

    public IEnumerable<LayerSpec> Visit(LogSoftmaxLayer layer, TensorSpec input)
    {
        var dequantize = new DequantizeLayer("dequant", input.Channels, input.Length, current!);
        current = null;
        return [dequantize, layer];
    }
}
