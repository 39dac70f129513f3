using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;

namespace Kws.Compiler.Analysis.Collectors;

/// <summary>
/// The quantization of every uint8 tensor an int8 model produces, by the name of the layer producing it: what turns the
/// interpreter's traced codes back into values (max pooling keeps its input's scale and zero point).
/// </summary>
public static class QuantizedTensors
{
    public static IReadOnlyDictionary<string, ActivationQuantization> Of(ModelManifest manifest)
    {
        var tensors = new Dictionary<string, ActivationQuantization>();
        for (int i = 0; i < manifest.Layers.Count; i++)
        {
            if (manifest.Tensors[i + 1].Quantization is ActivationQuantization output)
            {
                tensors[manifest.Layers[i].Name] = output;
            }
        }
        return tensors;
    }

    /// <summary>The name of the step that quantizes the model input, whose float counterpart is the raw input.</summary>
    public static string? InputStep(ModelManifest manifest) => manifest.Layers.OfType<QuantizeLayer>().FirstOrDefault()?.Name;
}
