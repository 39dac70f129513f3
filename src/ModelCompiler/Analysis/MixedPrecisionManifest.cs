using Kws.Runtime.Manifest;

namespace Kws.Compiler.Analysis;

/// <summary>
/// Builds the model the sensitivity analysis runs: the FP32 model in which the chosen blocks are replaced by the
/// quantized model's int8 layers, each wrapped in a quantize step (the quantized model's input scale and zero point for
/// that block) and a dequantize step (its output's). The result is an ordinary manifest, so the Runtime's interpreter
/// runs it with its own kernels: no arithmetic is re-implemented here. With every block chosen it computes exactly what
/// the quantized model computes (dequantize then quantize with the same parameters gives back the same codes).
/// </summary>
public static class MixedPrecisionManifest
{
    public static ModelManifest Build(ModelManifest fp32, ModelManifest quantized, IReadOnlyCollection<string> quantizedBlocks)
    {
        Dictionary<string, LayerSpec> int8Layers = quantized.Layers.ToDictionary(l => l.Name);
        Dictionary<int, ModelBlock> blockStarts = ModelBlock.Of(fp32)
            .Where(b => quantizedBlocks.Contains(b.Name)).ToDictionary(b => b.LayerIndices[0]);
        string[] unknown = quantizedBlocks.Where(name => !blockStarts.Values.Any(b => b.Name == name)).ToArray();
        if (unknown.Length > 0)
        {
            throw new AnalysisException($"the FP32 model has no block named {string.Join(", ", unknown)}");
        }

        var layers = new List<LayerSpec>();
        var shape = new TensorShape(1, fp32.InputLength);
        for (int i = 0; i < fp32.Layers.Count; i++)
        {
            if (!blockStarts.TryGetValue(i, out ModelBlock? block))
            {
                layers.Add(fp32.Layers[i]);
                shape = shape.After(fp32.Layers[i]);
                continue;
            }
            List<LayerSpec> int8Block = block.LayerIndices.Select(j => MatchingLayer(fp32.Layers[j], int8Layers, quantized)).ToList();
            layers.Add(new QuantizeLayer(block.Name + "_quant", shape.Channels, shape.Length, InputQuantization(int8Block[0], quantized)));
            ActivationQuantization output = InputQuantization(int8Block[0], quantized);
            foreach (LayerSpec layer in int8Block)
            {
                layers.Add(layer);
                shape = shape.After(layer);
                output = OutputQuantization(layer) ?? output;
            }
            layers.Add(new DequantizeLayer(block.Name + "_dequant", shape.Channels, shape.Length, output));
            i = block.LayerIndices[^1];
        }
        return new ModelManifest(fp32.Name + "Mixed", ModelPrecision.Int8, quantized.Source, fp32.Compiler, fp32.Labels,
            fp32.SampleRate, fp32.InputLength, layers);
    }

    /// <summary>The quantized model's layer of the same name, which must be the same operation on the same shapes.</summary>
    private static LayerSpec MatchingLayer(LayerSpec fp32Layer, Dictionary<string, LayerSpec> int8Layers, ModelManifest quantized)
    {
        if (!int8Layers.TryGetValue(fp32Layer.Name, out LayerSpec? int8Layer) || int8Layer.Op != fp32Layer.Op)
        {
            throw new AnalysisException($"{quantized.Source.File} has no {fp32Layer.Op} layer named {fp32Layer.Name}: it is not a quantized version of the FP32 model");
        }
        bool sameShape = (fp32Layer, int8Layer) switch
        {
            (Conv1dLayer a, Conv1dLayer b) => (a.InChannels, a.OutChannels, a.KernelSize, a.Stride, a.InputLength) == (b.InChannels, b.OutChannels, b.KernelSize, b.Stride, b.InputLength),
            (LinearLayer a, LinearLayer b) => (a.InFeatures, a.OutFeatures) == (b.InFeatures, b.OutFeatures),
            (MaxPool1dLayer a, MaxPool1dLayer b) => (a.Channels, a.KernelSize, a.Stride, a.InputLength) == (b.Channels, b.KernelSize, b.Stride, b.InputLength),
            (GlobalAvgPool1dLayer a, GlobalAvgPool1dLayer b) => (a.Channels, a.InputLength) == (b.Channels, b.InputLength),
            _ => false,
        };
        if (!sameShape || (int8Layer is WeightedLayerSpec w && !w.IsQuantized))
        {
            throw new AnalysisException($"layer {fp32Layer.Name} of {quantized.Source.File} differs in shape from the FP32 model's, or is not int8");
        }
        return int8Layer;
    }

    private static ActivationQuantization InputQuantization(LayerSpec first, ModelManifest quantized) => first switch
    {
        WeightedLayerSpec { Input: { } input } => input,
        GlobalAvgPool1dLayer { Quantization: { } q } => q,
        _ => throw new AnalysisException($"{quantized.Source.File}: layer {first.Name} has no input quantization"),
    };

    private static ActivationQuantization? OutputQuantization(LayerSpec layer) => layer switch
    {
        WeightedLayerSpec w => w.Output,
        GlobalAvgPool1dLayer a => a.Quantization,
        _ => null,
    };
}
