using Kws.Runtime.Manifest;

namespace Kws.Runtime.Layers
{
    /// <summary>
    /// Average over the whole length of each channel, as the M5 does it: F.avg_pool1d(x, x.shape[-1]). Output length
    /// 1. On uint8 codes the output keeps the input's scale and zero point, as PyTorch's quantized avg_pool1d does, and
    /// rounds by its rule (<see cref="GlobalAvgPool1dKernel"/>).
    /// </summary>
    public sealed class GlobalAvgPool1dLayer : AveragePoolToOneLayer
    {
        /// <summary>The manifest's "op" for this layer.</summary>
        public const string OpName = "globalavgpool1d";

        /// <summary>A layer averaging each of <paramref name="channels"/> channels over <paramref name="inputLength"/> positions; <paramref name="quantization"/> is set when it works on uint8 codes.</summary>
        public GlobalAvgPool1dLayer(string name, int channels, int inputLength, ActivationQuantization? quantization)
            : base(name, channels, inputLength, quantization)
        {
        }

        /// <inheritdoc/>
        public override string Op => OpName;

        /// <inheritdoc/>
        public override string Describe() => DescribeQuantization();

        /// <inheritdoc/>
        public override TResult Accept<TResult>(ILayerVisitor<TResult> visitor, TensorSpec input) => visitor.Visit(this, input);

        internal static LayerSpec Read(JsonValue json, string name) =>
            new GlobalAvgPool1dLayer(name, JsonFields.Int(json, "channels"), JsonFields.Int(json, "inputLength"),
                JsonFields.OptionalQuantization(json, "quantization"));
    }
}
