using Kws.Compiler.Checkpoints;
using Kws.Compiler.Configuration;
using Kws.Compiler.Recognition;
using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;

namespace Kws.Compiler.Export;

/// <summary>
/// Lays an <see cref="M5Model"/> out as the manifest's typed layer graph for the config's input length: shapes
/// inferred layer by layer, and the quantization of every activation (an int8 layer's input is the previous layer's
/// output; pools keep it). The M5: conv1 (stride from the config) pool1 conv2 pool2 conv3 pool3 conv4 pool4, each conv
/// with ReLU and every pool MaxPool1d(4); global average pool; fc1; log_softmax. Where the activation changes precision
/// there is a step, as PyTorch's stubs put it: <c>quant</c> (the quant stub's scale and zero point) before the first
/// int8 layer, <c>dequant</c> (the last int8 layer's output quantization) before the first float one. A layer-wise
/// checkpoint's global average pool and fc1 run in float, after its dequant. The global average pool is the forward's:
/// adaptive_avg_pool1d in the modular FP32/PTQ/QAT models, avg_pool1d otherwise. The config must agree with the
/// weights (<see cref="ConfigAgreement"/>).
/// </summary>
public static class ModelGraphBuilder
{
    public const int PoolSize = 4;

    public static IReadOnlyList<LayerSpec> Build(M5Model model, M5Config config) => new Builder(model, config).Build();

    private sealed class Builder(M5Model model, M5Config config)
    {
        private readonly List<LayerSpec> _layers = [];
        private int _channels = model.InputChannels;
        private int _length = config.InputLength;

        /// <summary>The quantization of the codes flowing at this point; null while floats flow.</summary>
        private ActivationQuantization? _codes;

        public IReadOnlyList<LayerSpec> Build()
        {
            ConfigAgreement.Check(model, config);
            for (int i = 0; i < model.Convolutions.Count; i++)
            {
                ConvStage conv = model.Convolutions[i];
                StageWeights w = conv.Weights;
                SwitchPrecision(w.IsInt8);
                int stride = i == 0 ? config.Stride : 1;
                int convLength = OutputLength(_length, conv.KernelSize, stride, conv.Name);
                _layers.Add(new Conv1dLayer(conv.Name, conv.InChannels, conv.OutChannels, conv.KernelSize, stride, _length, convLength,
                    relu: true, w.Bias, w.FloatWeights, w.Int8Weights, w.WeightQuantization, _codes, w.Output));
                _codes = w.Output;
                _channels = conv.OutChannels;
                string pool = $"pool{i + 1}";
                int pooled = OutputLength(convLength, PoolSize, PoolSize, pool);
                _layers.Add(new MaxPool1dLayer(pool, _channels, PoolSize, PoolSize, convLength, pooled));
                _length = pooled;
            }
            LinearStage fc = model.Classifier;
            StageWeights f = fc.Weights;
            // The average pool runs in fc1's precision: on codes in a fully quantized model, after the dequant otherwise.
            SwitchPrecision(f.IsInt8);
            _layers.Add(model.AdaptiveAveragePool
                ? new AdaptiveAvgPool1dLayer("avgpool", _channels, _length, _codes)
                : new GlobalAvgPool1dLayer("avgpool", _channels, _length, _codes));
            _length = 1;
            _layers.Add(new LinearLayer(fc.Name, fc.InFeatures, fc.OutFeatures, relu: false, f.Bias, f.FloatWeights, f.Int8Weights,
                f.WeightQuantization, _codes, f.Output));
            _codes = f.Output;
            _channels = fc.OutFeatures;
            SwitchPrecision(int8: false);
            _layers.Add(new LogSoftmaxLayer("log_softmax", fc.OutFeatures));
            return _layers;
        }

        /// <summary>Adds the quant or dequant step when the next layer computes in the other precision.</summary>
        private void SwitchPrecision(bool int8)
        {
            if (int8 && _codes is null)
            {
                _codes = model.InputQuantization!;
                _layers.Add(new QuantizeLayer("quant", _channels, _length, _codes));
            }
            else if (!int8 && _codes is not null)
            {
                _layers.Add(new DequantizeLayer("dequant", _channels, _length, _codes));
                _codes = null;
            }
        }

        private int OutputLength(int inputLength, int kernel, int stride, string layer)
        {
            if (inputLength < kernel)
            {
                throw new CheckpointException(
                    $"{config.FileName}: data.input_length {config.InputLength} is too short for this model: {layer} gets {inputLength} samples but its kernel is {kernel}");
            }
            return (inputLength - kernel) / stride + 1;
        }
    }
}
