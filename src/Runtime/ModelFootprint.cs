using Kws.Runtime.Manifest;

namespace Kws.Runtime;

/// <summary>
/// How many bytes of weights and constants a model needs at run time, counted the same way for both engines:
/// int8 layers hold one byte per weight plus three 4-byte constants per output channel (correction, multiplier,
/// offset: see RequantizationPlan); float32 layers hold 4 bytes per weight and per bias.
/// </summary>
public static class ModelFootprint
{
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
