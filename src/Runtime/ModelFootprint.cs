using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;

namespace Kws.Runtime;

/// <summary>
/// How many bytes of weights and constants the interpreter holds for a model: int8 layers hold one byte per weight
/// plus three 4-byte constants per output channel (correction, multiplier, offset: see RequantizationPlan); float32
/// layers hold 4 bytes per weight and per bias. Generated code reports its own tables instead (see
/// <see cref="IKeywordModel.WeightBytes"/>).
/// </summary>
public static class ModelFootprint
{
    /// <summary>Bytes of weights and constants the interpreter holds for <paramref name="manifest"/>.</summary>
    public static long WeightBytes(ModelManifest manifest)
    {
        long total = 0;
        foreach (LayerSpec layer in manifest.Layers)
        {
            if (layer is WeightedLayerSpec weighted)
            {
                total += weighted.IsQuantized
                    ? weighted.Int8Weights!.Length + 12L * weighted.OutChannels
                    : 4L * (weighted.FloatWeights!.Length + weighted.Bias.Length);
            }
        }
        return total;
    }
}
