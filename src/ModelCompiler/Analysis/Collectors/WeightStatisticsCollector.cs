using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;

namespace Kws.Compiler.Analysis.Collectors;

/// <summary>Per-layer weight statistics of a quantized model beside the FP32 weights of the same layers.</summary>
public static class WeightStatisticsCollector
{
    private const int Fp32Bins = 80;

    public static ModelWeightStatistics Collect(string modelName, ModelManifest fp32, ModelManifest quantized)
    {
        Dictionary<string, WeightedLayerSpec> int8Layers = quantized.Layers.OfType<WeightedLayerSpec>().ToDictionary(l => l.Name);
        var layers = new List<LayerWeightStatistics>();
        foreach (WeightedLayerSpec fp32Layer in fp32.Layers.OfType<WeightedLayerSpec>())
        {
            if (!int8Layers.TryGetValue(fp32Layer.Name, out WeightedLayerSpec? int8Layer)
                || int8Layer.Int8Weights is not { } codes || int8Layer.WeightQuantization is not { } scheme)
            {
                throw new AnalysisException($"{quantized.Source.File} has no int8 layer {fp32Layer.Name}");
            }
            float[] weights = fp32Layer.FloatWeights ?? throw new AnalysisException($"{fp32.Source.File}: layer {fp32Layer.Name} has no float32 weights");
            int channels = int8Layer.OutChannels;
            layers.Add(new LayerWeightStatistics(
                fp32Layer.Name,
                Histogram.SymmetricOf(weights, Fp32Bins),
                Histogram.OfInt8Codes(codes),
                Enumerable.Range(0, channels).Select(scheme.ScaleOf).ToArray(),
                RangeUse(codes, channels)));
        }
        return new ModelWeightStatistics(modelName, layers);
    }

    /// <summary>Per output channel, max |code| / 127: 1 when the channel's largest weight reaches the end of the int8 range.</summary>
    public static double[] RangeUse(ReadOnlySpan<sbyte> codes, int channels)
    {
        int perChannel = codes.Length / channels;
        var use = new double[channels];
        for (int o = 0; o < channels; o++)
        {
            int largest = 0;
            foreach (sbyte c in codes.Slice(o * perChannel, perChannel))
            {
                largest = Math.Max(largest, Math.Abs((int)c));
            }
            use[o] = Math.Min(largest, 127) / 127.0;
        }
        return use;
    }
}
