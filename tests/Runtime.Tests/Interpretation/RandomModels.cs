using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;

namespace Kws.Runtime.Tests.Interpretation;

/// <summary>
/// M5-shaped models (docs/references.md: conv1 k80 s16, three k3 convs, pools of 4, global average, fc) with seeded
/// random weights and scales chosen so that activations spread over the code range and many values land near ties.
/// </summary>
internal static class RandomModels
{
    private static readonly (int Out, int Kernel, int Stride)[] Convs = [(32, 80, 16), (32, 3, 1), (64, 3, 1), (64, 3, 1)];

    /// <summary>An int8 model; on qnnpack with per-tensor weights, as qnnpack's qconfig makes them.</summary>
    public static ModelManifest Int8(int seed, int inputLength = 8000, int classes = 35, QuantizedEngine engine = QuantizedEngine.Onednn) =>
        Build(seed, inputLength, classes, quantized: true, engine);

    public static ModelManifest Float32(int seed, int inputLength = 8000, int classes = 35) =>
        Build(seed, inputLength, classes, quantized: false, QuantizedEngine.Onednn);

    public static float[] Signal(int seed, int length)
    {
        var random = new Random(seed);
        var x = new float[length];
        for (int i = 0; i < length; i++)
        {
            x[i] = (float)(0.5 * Math.Sin(i * 0.05 * (1 + seed % 7)) + 0.3 * (random.NextDouble() * 2 - 1));
        }
        return x;
    }

    private static ModelManifest Build(int seed, int inputLength, int classes, bool quantized, QuantizedEngine engine)
    {
        bool perTensor = engine == QuantizedEngine.Qnnpack;
        var random = new Random(seed);
        var layers = new List<LayerSpec>();
        var current = new ActivationQuantization(1.0 / 128 * (0.5 + random.NextDouble()), random.Next(100, 156));
        if (quantized)
        {
            layers.Add(new QuantizeLayer("quant", 1, inputLength, current));
        }
        int channels = 1, length = inputLength;
        for (int n = 0; n < Convs.Length; n++)
        {
            (int outChannels, int kernel, int stride) = Convs[n];
            int outLength = (length - kernel) / stride + 1;
            int perChannel = channels * kernel;
            var output = new ActivationQuantization(current.Scale * 0.01 * Math.Sqrt(perChannel) * (0.5 + random.NextDouble()), random.Next(0, 40));
            layers.Add(Weighted(random, quantized, perTensor, perChannel, outChannels, current, output,
                (bias, floats, ints, wq) => new Conv1dLayer($"conv{n + 1}", channels, outChannels, kernel, stride, length, outLength,
                    true, bias, floats, ints, wq, quantized ? current : null, quantized ? output : null)));
            current = output;
            channels = outChannels;
            int pooled = (outLength - 4) / 4 + 1;
            layers.Add(new MaxPool1dLayer($"pool{n + 1}", channels, 4, 4, outLength, pooled));
            length = pooled;
        }
        // Odd seeds end on the modular models' adaptive pool, even ones on the M5's avg_pool1d.
        layers.Add(seed % 2 == 1
            ? new AdaptiveAvgPool1dLayer("avgpool", channels, length, quantized ? current : null)
            : new GlobalAvgPool1dLayer("avgpool", channels, length, quantized ? current : null));
        var logits = new ActivationQuantization(current.Scale * 0.05 * Math.Sqrt(channels), random.Next(100, 160));
        ActivationQuantization fcInput = current;
        layers.Add(Weighted(random, quantized, perTensor, channels, classes, current, logits,
            (bias, floats, ints, wq) => new LinearLayer("fc1", channels, classes, false, bias, floats, ints, wq,
                quantized ? fcInput : null, quantized ? logits : null)));
        if (quantized)
        {
            layers.Add(new DequantizeLayer("dequant", classes, 1, logits));
        }
        layers.Add(new LogSoftmaxLayer("log_softmax", classes));
        string[] labels = Enumerable.Range(0, classes).Select(i => $"w{i}").ToArray();
        return new ModelManifest("Random" + seed, new SourceCheckpoint("random.pth", "00", quantized ? "ptq" : "fp32"), "kwsc test", labels, 8000, inputLength, layers, engine);
    }

    private static LayerSpec Weighted(Random random, bool quantized, bool perTensor, int perChannel, int outChannels,
        ActivationQuantization input, ActivationQuantization output,
        Func<float[], float[]?, sbyte[]?, WeightQuantization?, LayerSpec> make)
    {
        var bias = new float[outChannels];
        var scales = new double[outChannels];
        var ints = new sbyte[outChannels * perChannel];
        for (int o = 0; o < outChannels; o++)
        {
            scales[o] = 0.005 * (0.5 + random.NextDouble());
            bias[o] = (float)((random.NextDouble() - 0.3) * output.Scale * 20);
        }
        for (int j = 0; j < ints.Length; j++)
        {
            ints[j] = (sbyte)random.Next(-127, 128);
        }
        if (quantized)
        {
            return make(bias, null, ints, perTensor
                ? new WeightQuantization(false, 0, [scales[0]], [0])
                : new WeightQuantization(true, 0, scales, new int[outChannels]));
        }
        var floats = new float[ints.Length];
        for (int j = 0; j < ints.Length; j++)
        {
            // Unit-variance-preserving weights keep float activations and logits in a realistic range.
            floats[j] = (float)(ints[j] / 127.0 * 2.5 / Math.Sqrt(perChannel));
        }
        return make(bias.Select(b => (float)(b / output.Scale * 0.02)).ToArray(), floats, null, null);
    }
}
