using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;

namespace Kws.Generator.Tests.Harness;

/// <summary>
/// Hand-made and random manifests. The random ones cover what real checkpoints rarely do: channel counts that are
/// not multiples of a vector width, odd kernels, strides, per-tensor and per-channel weights, zero points at 0 and
/// 255, tiny and huge requantization multipliers, and weights that would saturate vpmaddubsw.
/// </summary>
internal static class TestModels
{
    /// <summary>Three odd-sized int8 layers with an odd zero point, per-channel and per-tensor weights, and a -128 weight.</summary>
    public static ModelManifest TinyInt8()
    {
        var input = new ActivationQuantization(0.0078125, 127);
        var conv = new ActivationQuantization(0.04, 5);
        var scores = new ActivationQuantization(0.1, 121);
        var layers = new List<LayerSpec>
        {
            new QuantizeLayer("quant", 1, 17, input),
            new Conv1dLayer("conv1", 1, 3, 3, 2, 17, 8, true, [0.5f, -0.25f, 0.125f], null,
                [1, -2, 3, -128, 5, -6, 7, -8, 127], new WeightQuantization(true, 0, [0.01, 0.02, 0.005], [0, 0, 0]), input, conv),
            new MaxPool1dLayer("pool1", 3, 2, 2, 8, 4),
            new GlobalAvgPool1dLayer("avgpool", 3, 4, conv),
            new LinearLayer("fc1", 3, 3, false, [0f, 0.1f, -0.1f], null, [10, -10, 20, 5, -127, 127, 64, 64, -3],
                new WeightQuantization(false, 0, [0.03], [0]), conv, scores),
            new DequantizeLayer("dequant", 3, 1, scores),
            new LogSoftmaxLayer("log_softmax", 3),
        };
        return new ModelManifest("TinyInt8", new SourceCheckpoint("tiny.pth", "00", "ptq"), "kwsc test",
            ["yes", "no", "up"], 8000, 17, layers);
    }

    public static ModelManifest TinyFloat()
    {
        var layers = new List<LayerSpec>
        {
            new Conv1dLayer("conv1", 1, 2, 4, 2, 16, 7, true, [0.5f, -0.25f], [0.1f, -0.2f, 0.3f, -0.4f, 0.5f, -0.6f, 0.7f, -0.8f], null, null, null, null),
            new MaxPool1dLayer("pool1", 2, 2, 2, 7, 3),
            new GlobalAvgPool1dLayer("avgpool", 2, 3, null),
            new LinearLayer("fc1", 2, 3, false, [0f, 0.1f, -0.1f], [1f, -1f, 2f, 0.5f, -1.27f, 1.27f], null, null, null, null),
            new LogSoftmaxLayer("log_softmax", 3),
        };
        return new ModelManifest("TinyFloat", new SourceCheckpoint("tiny.pth", "00", "fp32"), "kwsc test",
            ["a", "b", "c"], 8000, 16, layers);
    }

    /// <summary>The M5 network's shapes (1 x 8000 in, 32/32/64/64 channels, kernels 80/3/3/3, 35 classes) with random weights.</summary>
    public static ModelManifest M5(string name, bool int8, int seed) => M5(name, seed, _ => int8, int8);

    /// <summary>
    /// The M5's shapes as a layer-wise quantized checkpoint has them: block <paramref name="int8Block"/> (1..4) alone in
    /// int8 between a quantize and a dequantize step; the other blocks, the average pool and fc1 in float32.
    /// </summary>
    public static ModelManifest LayerWiseM5(string name, int int8Block, int seed) => M5(name, seed, block => block == int8Block, classifierInt8: false);

    private static ModelManifest M5(string name, int seed, Func<int, bool> blockInt8, bool classifierInt8)
    {
        var builder = new RandomModelBuilder(new Random(seed), blockInt8(1), extreme: false);
        builder.Quantize(8000);
        (int Channels, int Kernel, int Stride)[] blocks = [(32, 80, 16), (32, 3, 1), (64, 3, 1), (64, 3, 1)];
        for (int i = 0; i < blocks.Length; i++)
        {
            builder.SwitchPrecision(blockInt8(i + 1));
            builder.Conv(blocks[i].Channels, blocks[i].Kernel, blocks[i].Stride, relu: true);
            builder.MaxPool(4, 4);
        }
        builder.SwitchPrecision(classifierInt8);
        builder.GlobalAveragePool();
        builder.Linear(35, relu: false);
        return builder.Finish(name, 16000);
    }

    /// <summary>
    /// A small random model: 1-3 convolutions with optional pooling (max, then global or adaptive average), then a
    /// linear classifier. With <paramref name="mixed"/>, each layer picks float32 or int8 at random, with quantize and
    /// dequantize steps between.
    /// </summary>
    public static ModelManifest Random(string name, bool int8, int seed, bool mixed = false)
    {
        var rng = new Random(seed);
        var builder = new RandomModelBuilder(rng, int8, extreme: rng.Next(4) == 0);
        builder.Quantize(rng.Next(24, 300));
        int convolutions = rng.Next(1, 4);
        for (int n = 0; n < convolutions && builder.Length > 1; n++)
        {
            if (mixed) builder.SwitchPrecision(rng.Next(2) == 0);
            int kernel = rng.Next(1, Math.Min(builder.Length, 11) + 1);
            builder.Conv(rng.Next(1, 41), kernel, rng.Next(1, 5), relu: rng.Next(2) == 0);
            if (builder.Length > 1 && rng.Next(2) == 0)
            {
                int poolKernel = rng.Next(1, Math.Min(builder.Length, 4) + 1);
                builder.MaxPool(poolKernel, rng.Next(1, poolKernel + 1));
            }
        }
        switch (rng.Next(3))
        {
            case 0:
                builder.GlobalAveragePool();
                break;
            case 1:
                builder.AdaptiveAveragePool();
                break;
        }
        if (rng.Next(3) == 0)
        {
            if (mixed) builder.SwitchPrecision(rng.Next(2) == 0);
            builder.Linear(rng.Next(3, 20), relu: true);
        }
        if (mixed) builder.SwitchPrecision(rng.Next(2) == 0);
        builder.Linear(rng.Next(2, 13), relu: false);
        return builder.Finish(name, 8000);
    }

    public static float[] RandomSamples(Random rng, int length, float amplitude = 1f)
    {
        var samples = new float[length];
        for (int i = 0; i < length; i++)
        {
            samples[i] = (float)(rng.NextDouble() * 2 - 1) * amplitude;
        }
        return samples;
    }

    /// <summary>Inputs that stress the edges: silence, full scale, clipping, tiny values, NaN and infinities.</summary>
    public static IEnumerable<float[]> EdgeSamples(int length)
    {
        yield return new float[length];
        yield return Enumerable.Repeat(1f, length).ToArray();
        yield return Enumerable.Repeat(-1f, length).ToArray();
        yield return Enumerable.Range(0, length).Select(i => i % 2 == 0 ? 1f : -1f).ToArray();
        yield return Enumerable.Range(0, length).Select(i => (i % 7) switch
        {
            0 => float.NaN,
            1 => float.PositiveInfinity,
            2 => float.NegativeInfinity,
            3 => 1e30f,
            4 => -1e30f,
            5 => 1e-30f,
            _ => 0.5f,
        }).ToArray();
    }
}
