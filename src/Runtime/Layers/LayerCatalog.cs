using System;
using System.Collections.Generic;
using Kws.Runtime.Manifest;

namespace Kws.Runtime.Layers
{
    /// <summary>
    /// Every layer type the manifest format knows, keyed by its "op": the one list a new layer type is added to so that
    /// manifests can name it (a test checks that every <see cref="LayerSpec"/> type is here and round-trips).
    /// </summary>
    internal static class LayerCatalog
    {
        private static readonly Dictionary<string, Func<JsonValue, string, LayerSpec>> Readers =
            new Dictionary<string, Func<JsonValue, string, LayerSpec>>(StringComparer.Ordinal)
            {
                [QuantizeLayer.OpName] = QuantizeLayer.Read,
                [Conv1dLayer.OpName] = Conv1dLayer.Read,
                [MaxPool1dLayer.OpName] = MaxPool1dLayer.Read,
                [GlobalAvgPool1dLayer.OpName] = GlobalAvgPool1dLayer.Read,
                [AdaptiveAvgPool1dLayer.OpName] = AdaptiveAvgPool1dLayer.Read,
                [LinearLayer.OpName] = LinearLayer.Read,
                [DequantizeLayer.OpName] = DequantizeLayer.Read,
                [LogSoftmaxLayer.OpName] = LogSoftmaxLayer.Read,
            };

        /// <summary>The ops a manifest may use, in the order a model uses them.</summary>
        public static IReadOnlyCollection<string> Ops => Readers.Keys;

        /// <summary>One layer object of the manifest's "layers" array.</summary>
        public static LayerSpec Read(JsonValue layer)
        {
            string op = JsonFields.String(layer, "op");
            string name = JsonFields.String(layer, "name");
            if (!Readers.TryGetValue(op, out Func<JsonValue, string, LayerSpec>? read))
            {
                throw JsonFields.At(layer.Find("op")!,
                    $"unsupported layer op \"{JsonFields.Quote(op)}\" in layer \"{JsonFields.Quote(name)}\" (supported: {string.Join(", ", Readers.Keys)})",
                    ManifestProblem.UnsupportedLayer);
            }
            return read(layer, name);
        }
    }
}
