using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;

namespace Kws.Generator.Tests.Harness;

/// <summary>
/// Builds a valid manifest layer by layer with random weights and quantization; shapes chain by construction.
/// <paramref name="int8"/> is the precision it starts in; <see cref="SwitchPrecision"/> changes it mid-model (a mixed
/// model, as layer-wise quantization makes).
/// </summary>
internal sealed class RandomModelBuilder(Random rng, bool int8, bool extreme)
{
    private readonly List<LayerSpec> _layers = [];
    private bool _int8 = int8;
    private bool _anyInt8 = int8;
    private ActivationQuantization? _current;
    private int _channels = 1;
    private int _inputLength;

    public int Length { get; private set; }

    public void Quantize(int length)
    {
        _inputLength = length;
        Length = length;
        if (_int8)
        {
            _current = new ActivationQuantization(LogUniform(extreme ? 1e-5 : 1e-3, extreme ? 1.0 : 0.02), ZeroPoint());
            _layers.Add(new QuantizeLayer("quant", 1, length, _current));
        }
    }

    /// <summary>From here on int8 (a quantize step with a random scale) or float32 (a dequantize step).</summary>
    public void SwitchPrecision(bool toInt8)
    {
        if (toInt8 == _int8) return;
        _int8 = toInt8;
        _anyInt8 |= toInt8;
        if (toInt8)
        {
            _current = new ActivationQuantization(LogUniform(extreme ? 1e-5 : 1e-3, extreme ? 1.0 : 0.05), ZeroPoint());
            _layers.Add(new QuantizeLayer("quant", _channels, Length, _current));
        }
        else
        {
            _layers.Add(new DequantizeLayer("dequant", _channels, Length, _current!));
            _current = null;
        }
    }

    public void Conv(int outChannels, int kernel, int stride, bool relu)
    {
        int outLength = (Length - kernel) / stride + 1;
        int window = _channels * kernel;
        int n = _layers.Count;
        var (weights, floats, quantization, output, bias) = Weights(outChannels, window);
        _layers.Add(new Conv1dLayer($"conv{n}", _channels, outChannels, kernel, stride, Length, outLength, relu, bias,
            floats, weights, quantization, _current, output));
        _channels = outChannels;
        Length = outLength;
        _current = output;
    }

    public void MaxPool(int kernel, int stride)
    {
        int outLength = (Length - kernel) / stride + 1;
        _layers.Add(new MaxPool1dLayer($"pool{_layers.Count}", _channels, kernel, stride, Length, outLength));
        Length = outLength;
    }

    public void GlobalAveragePool()
    {
        _layers.Add(new GlobalAvgPool1dLayer("avgpool", _channels, Length, _current));
        Length = 1;
    }

    public void AdaptiveAveragePool()
    {
        _layers.Add(new AdaptiveAvgPool1dLayer("adaptivepool", _channels, Length, _current));
        Length = 1;
    }

    public void Linear(int outFeatures, bool relu)
    {
        int inFeatures = _channels * Length;
        var (weights, floats, quantization, output, bias) = Weights(outFeatures, inFeatures);
        _layers.Add(new LinearLayer($"fc{_layers.Count}", inFeatures, outFeatures, relu, bias, floats, weights, quantization, _current, output));
        _channels = outFeatures;
        Length = 1;
        _current = output;
    }

    public ModelManifest Finish(string name, int sampleRate)
    {
        int classes = _channels * Length;
        SwitchPrecision(toInt8: false);
        _layers.Add(new LogSoftmaxLayer("log_softmax", classes));
        var labels = Enumerable.Range(0, classes).Select(i => "label" + i).ToList();
        return new ModelManifest(name, new SourceCheckpoint(name + ".pth", "00", _anyInt8 ? "ptq" : "fp32"), "kwsc test", labels, sampleRate, _inputLength, _layers);
    }

    private (sbyte[]? Int8, float[]? Floats, WeightQuantization? Quantization, ActivationQuantization? Output, float[] Bias)
        Weights(int outChannels, int perChannel)
    {
        var bias = new float[outChannels];
        if (!_int8)
        {
            var floats = new float[outChannels * perChannel];
            double spread = 1.5 / Math.Sqrt(perChannel);
            for (int i = 0; i < floats.Length; i++) floats[i] = (float)(Normal() * spread);
            for (int o = 0; o < outChannels; o++) bias[o] = (float)(Normal() * 0.1);
            return (null, floats, null, null, bias);
        }
        // 0: small weights (vpmaddubsw provably safe), 1: full range, 2: only the extremes (saturating pairs).
        int mode = rng.Next(3);
        var weights = new sbyte[outChannels * perChannel];
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = mode switch
            {
                0 => (sbyte)rng.Next(-40, 41),
                1 => (sbyte)rng.Next(-128, 128),
                _ => (sbyte)(rng.Next(3) switch { 0 => -128, 1 => 127, _ => -127 }),
            };
        }
        bool perChannelScales = rng.Next(2) == 0;
        double[] scales = Enumerable.Range(0, perChannelScales ? outChannels : 1).Select(_ => LogUniform(1e-4, 1e-2)).ToArray();
        var quantization = new WeightQuantization(perChannelScales, 0, scales, new int[scales.Length]);
        // Aim the multiplier so typical accumulators land inside the code range; extreme models go far either way.
        double typicalAccumulator = Math.Sqrt(perChannel) * 60 * 70;
        double multiplier = LogUniform(3, 150) / typicalAccumulator * (extreme ? LogUniform(1e-3, 1e3) : 1);
        double outScale = _current!.Scale * scales.Average() / multiplier;
        var output = new ActivationQuantization(outScale, ZeroPoint());
        for (int o = 0; o < outChannels; o++) bias[o] = (float)(Normal() * 20 * outScale);
        return (weights, null, quantization, output, bias);
    }

    private int ZeroPoint() => rng.Next(5) switch { 0 => 0, 1 => 255, _ => rng.Next(0, 256) };

    private double LogUniform(double low, double high) => Math.Exp(Math.Log(low) + rng.NextDouble() * (Math.Log(high) - Math.Log(low)));

    private double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
