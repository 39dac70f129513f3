using Kws.Compiler.Checkpoints;
using Kws.Compiler.Configuration;
using Kws.Compiler.Recognition;
using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;

namespace Kws.Compiler.Export;

/// <summary>
/// Lays an <see cref="M5Model"/> out as the manifest's typed layer graph for the config's input length: shapes
/// inferred layer by layer, and for int8 models the quantization of every activation (a layer's input is the
/// previous layer's output; pools keep it). The M5: [quant] conv1 (stride from the config) pool1 conv2 pool2 conv3
/// pool3 conv4 pool4, each conv with ReLU and every pool MaxPool1d(4); global average pool; fc1; [dequant];
/// log_softmax. The config must agree with the weights; a disagreement names the key and both values.
/// </summary>
public static class ModelGraphBuilder
{
    public const int PoolSize = 4;

    public static IReadOnlyList<LayerSpec> Build(M5Model model, M5Config config)
    {
        CheckAgainstWeights(model, config);
        var layers = new List<LayerSpec>();
        bool int8 = model.Precision == ModelPrecision.Int8;
        int length = config.InputLength;
        ActivationQuantization? current = model.InputQuantization;
        if (int8)
        {
            layers.Add(new QuantizeLayer("quant", model.InputChannels, length, current!));
        }
        for (int i = 0; i < model.Convolutions.Count; i++)
        {
            ConvStage conv = model.Convolutions[i];
            int stride = i == 0 ? config.Stride : 1;
            int convLength = OutputLength(length, conv.KernelSize, stride, conv.Name, config);
            StageWeights w = conv.Weights;
            layers.Add(new Conv1dLayer(conv.Name, conv.InChannels, conv.OutChannels, conv.KernelSize, stride, length, convLength,
                relu: true, w.Bias, w.FloatWeights, w.Int8Weights, w.WeightQuantization, current, w.Output));
            current = w.Output;
            string pool = $"pool{i + 1}";
            length = OutputLength(convLength, PoolSize, PoolSize, pool, config);
            layers.Add(new MaxPool1dLayer(pool, conv.OutChannels, PoolSize, PoolSize, convLength, length));
        }
        int channels = model.Convolutions[^1].OutChannels;
        layers.Add(new GlobalAvgPool1dLayer("avgpool", channels, length, current));
        LinearStage fc = model.Classifier;
        StageWeights f = fc.Weights;
        layers.Add(new LinearLayer(fc.Name, fc.InFeatures, fc.OutFeatures, relu: false, f.Bias, f.FloatWeights, f.Int8Weights,
            f.WeightQuantization, current, f.Output));
        if (int8)
        {
            layers.Add(new DequantizeLayer("dequant", fc.OutFeatures, 1, f.Output!));
        }
        layers.Add(new LogSoftmaxLayer("log_softmax", fc.OutFeatures));
        return layers;
    }

    private static int OutputLength(int inputLength, int kernel, int stride, string layer, M5Config config)
    {
        if (inputLength < kernel)
        {
            throw new CheckpointException(
                $"{config.FileName}: data.input_length {config.InputLength} is too short for this model: {layer} gets {inputLength} samples but its kernel is {kernel}");
        }
        return (inputLength - kernel) / stride + 1;
    }

    private static void CheckAgainstWeights(M5Model model, M5Config config)
    {
        void Agree(string key, int configured, int fromWeights, string evidence)
        {
            if (configured != fromWeights)
            {
                throw new CheckpointException(
                    $"{config.FileName}: model.base_cnn.{key} is {configured} but the checkpoint's weights say {fromWeights} ({evidence})");
            }
        }
        Agree("n_input", config.NInput, model.InputChannels, "conv1.weight input channels");
        Agree("n_channel", config.NChannel, model.Convolutions[0].OutChannels, "conv1.weight output channels");
        Agree("n_output", config.NOutput, model.Classes, "fc1 output features");
        if (config.ConvKernelSizes.Count != model.Convolutions.Count)
        {
            throw new CheckpointException(
                $"{config.FileName}: model.base_cnn.conv_kernel_sizes has {config.ConvKernelSizes.Count} entries but the checkpoint has {model.Convolutions.Count} convolutions");
        }
        for (int i = 0; i < model.Convolutions.Count; i++)
        {
            ConvStage conv = model.Convolutions[i];
            Agree($"conv_kernel_sizes[{i}]", config.ConvKernelSizes[i], conv.KernelSize, $"{conv.Name}.weight kernel size");
        }
    }
}
