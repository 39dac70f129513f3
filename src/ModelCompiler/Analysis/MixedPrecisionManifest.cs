using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;

namespace Kws.Compiler.Analysis;

/// <summary>
/// Builds the model the sensitivity analysis runs: the FP32 model in which the chosen blocks are replaced by the
/// quantized model's int8 layers, each wrapped in a quantize step (the quantized model's input scale and zero point for
/// that block) and a dequantize step (its output's). The result is an ordinary mixed-precision manifest, so the
/// Runtime's interpreter runs it with its own kernels: no arithmetic is re-implemented here. With every block chosen it
/// computes exactly what the quantized model computes (dequantize then quantize with the same parameters gives back the
/// same codes).
/// </summary>
public static class MixedPrecisionManifest
{
    public static ModelManifest Build(ModelManifest fp32, ModelManifest quantized, IReadOnlyCollection<string> quantizedBlocks)
    {
        Dictionary<string, int> int8Index = quantized.Layers.Select((layer, i) => (layer.Name, i)).ToDictionary(p => p.Name, p => p.i);
        Dictionary<int, ModelBlock> blockStarts = ModelBlock.Of(fp32)
            .Where(b => quantizedBlocks.Contains(b.Name)).ToDictionary(b => b.LayerIndices[0]);
        string[] unknown = quantizedBlocks.Where(name => !blockStarts.Values.Any(b => b.Name == name)).ToArray();
        if (unknown.Length > 0)
        {
            throw new AnalysisException($"the FP32 model has no block named {string.Join(", ", unknown)}");
        }

        var layers = new List<LayerSpec>();
        for (int i = 0; i < fp32.Layers.Count; i++)
        {
            if (!blockStarts.TryGetValue(i, out ModelBlock? block))
            {
                layers.Add(fp32.Layers[i]);
                continue;
            }
            int[] int8Layers = block.LayerIndices.Select(j => MatchingLayer(fp32, j, quantized, int8Index)).ToArray();
            TensorSpec entry = fp32.Tensors[i], exit = fp32.Tensors[block.LayerIndices[^1] + 1];
            ActivationQuantization input = quantized.Tensors[int8Layers[0]].Quantization
                ?? throw new AnalysisException($"{quantized.Source.File}: layer {block.Name} does not read quantized codes");
            ActivationQuantization output = quantized.Tensors[int8Layers[^1] + 1].Quantization
                ?? throw new AnalysisException($"{quantized.Source.File}: block {block.Name} does not end on quantized codes");
            layers.Add(new QuantizeLayer(block.Name + "_quant", entry.Channels, entry.Length, input));
            layers.AddRange(int8Layers.Select(j => quantized.Layers[j]));
            layers.Add(new DequantizeLayer(block.Name + "_dequant", exit.Channels, exit.Length, output));
            i = block.LayerIndices[^1];
        }
        // The int8 blocks compute with the quantized model's engine; with none chosen there is no int8 arithmetic.
        QuantizedEngine engine = layers.Any(l => l.HasInt8Weights) ? quantized.Engine : QuantizedEngine.Onednn;
        return new ModelManifest(fp32.Name + "Mixed", quantized.Source, fp32.Compiler, fp32.Labels, fp32.SampleRate, fp32.InputLength, layers, engine);
    }

    /// <summary>
    /// The index of the quantized model's layer named like the FP32 model's layer <paramref name="j"/>, which must be the
    /// same operation on the same shapes, computing on codes.
    /// </summary>
    private static int MatchingLayer(ModelManifest fp32, int j, ModelManifest quantized, Dictionary<string, int> int8Index)
    {
        LayerSpec fp32Layer = fp32.Layers[j];
        if (!int8Index.TryGetValue(fp32Layer.Name, out int k) || quantized.Layers[k].Op != fp32Layer.Op)
        {
            throw new AnalysisException($"{quantized.Source.File} has no {fp32Layer.Op} layer named {fp32Layer.Name}: it is not a quantized version of the FP32 model");
        }
        static bool SameShape(TensorSpec a, TensorSpec b) => a.Channels == b.Channels && a.Length == b.Length;
        bool sameShapes = SameShape(fp32.Tensors[j], quantized.Tensors[k]) && SameShape(fp32.Tensors[j + 1], quantized.Tensors[k + 1]);
        if (!sameShapes || !quantized.Tensors[k].IsQuantized || fp32Layer.HasFloatWeights && !quantized.Layers[k].HasInt8Weights)
        {
            throw new AnalysisException($"layer {fp32Layer.Name} of {quantized.Source.File} differs in shape from the FP32 model's, or is not int8");
        }
        return k;
    }
}
