using Kws.Runtime.Manifest;

namespace Kws.Runtime.Layers
{
    /// <summary>
    /// F.adaptive_avg_pool1d(x, 1): the average over the whole length of each channel, output length 1, as the seed
    /// repository's modular models end (M5Modular, PTQM5Modular). On floats it is the global average; on uint8 codes
    /// PyTorch rounds differently from avg_pool1d (<see cref="GlobalAvgPool1dLayer"/>), so it is its own layer type
    /// (<see cref="AdaptiveAvgPool1dKernel"/> holds the measured rule). The output keeps the input's scale and zero point.
    /// </summary>
    public sealed class AdaptiveAvgPool1dLayer : AveragePoolToOneLayer
    {
        /// <summary>The manifest's "op" for this layer.</summary>
        public const string OpName = "adaptiveavgpool1d";

        /// <summary>A layer pooling each of <paramref name="channels"/> channels of <paramref name="inputLength"/> positions to one; <paramref name="quantization"/> is set when it works on uint8 codes.</summary>
        public AdaptiveAvgPool1dLayer(string name, int channels, int inputLength, ActivationQuantization? quantization)
            : base(name, channels, inputLength, quantization)
        {
        }

        /// <inheritdoc/>
        public override string Op => OpName;

        /// <inheritdoc/>
        public override string Describe() => Quantization is null ? "output size 1" : "output size 1, " + DescribeQuantization();

        /// <inheritdoc/>
        public override TResult Accept<TResult>(ILayerVisitor<TResult> visitor, TensorSpec input) => visitor.Visit(this, input);

        internal static LayerSpec Read(JsonValue json, string name) =>
            new AdaptiveAvgPool1dLayer(name, JsonFields.Int(json, "channels"), JsonFields.Int(json, "inputLength"),
                JsonFields.OptionalQuantization(json, "quantization"));
    }
}
