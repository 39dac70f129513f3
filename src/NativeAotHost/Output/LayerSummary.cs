using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;
using static System.FormattableString;

namespace Kws.Host.Output;

/// <summary>
/// One manifest layer as <c>kws info</c> lists it: name, op, the precision it computes in, input and output shape, and
/// its parameters in the layer's own words (<see cref="LayerSpec.Describe"/>).
/// </summary>
internal sealed record LayerSummary(string Name, string Op, string Precision, string Input, string Output, string Detail)
{
    public static IReadOnlyList<LayerSummary> Of(ModelManifest manifest) =>
        manifest.Layers.Select((layer, i) => Of(layer, manifest.Tensors[i], manifest.Tensors[i + 1])).ToList();

    private static LayerSummary Of(LayerSpec layer, TensorSpec input, TensorSpec output) =>
        new(layer.Name, layer.Op, PrecisionOf(layer, input, output), Shape(input), Shape(output), layer.Describe());

    /// <summary>"int8" when the layer computes on codes (or makes them), "float32" otherwise.</summary>
    private static string PrecisionOf(LayerSpec layer, TensorSpec input, TensorSpec output) =>
        layer.HasInt8Weights || (input.IsQuantized && output.IsQuantized) ? "int8"
        : input.IsQuantized || output.IsQuantized ? "int8/float32" : "float32";

    private static string Shape(TensorSpec tensor) => Invariant($"{tensor.Channels}x{tensor.Length}");
}
