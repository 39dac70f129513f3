using Kws.Runtime.Manifest;

namespace Kws.Runtime.Layers
{
    /// <summary>
    /// Average over the whole length of each channel, as the M5 does it: F.avg_pool1d(x, x.shape[-1]). Output length
    /// 1. On uint8 codes the output keeps the input's scale and zero point, as PyTorch's quantized avg_pool1d does, and
    /// rounds by its rule (<see cref="GlobalAvgPool1dKernel"/>).
    /// </summary>
    public sealed class GlobalAvgPool1dLayer : LayerSpec
    {
        /// <summary>The manifest's "op" for this layer.</summary>
        public const string OpName = "globalavgpool1d";

        /// <summary>A layer averaging each of <paramref name="channels"/> channels over <paramref name="inputLength"/> positions; <paramref name="quantization"/> is set when it works on uint8 codes.</summary>
        public GlobalAvgPool1dLayer(string name, int channels, int inputLength, ActivationQuantization? quantization)
            : base(name)
        {
            Channels = channels;
            InputLength = inputLength;
            Quantization = quantization;
        }

        /// <inheritdoc/>
        public override string Op => OpName;

        /// <summary>Channels of the activation.</summary>
        public int Channels { get; }

        /// <summary>Positions averaged per channel.</summary>
        public int InputLength { get; }

        /// <summary>Input and output quantization (identical); null on float input.</summary>
        public ActivationQuantization? Quantization { get; }

        /// <inheritdoc/>
        public override TensorSpec OutputFor(TensorSpec input) => new TensorSpec(Channels, 1, Quantization);

        /// <inheritdoc/>
        public override string Describe() =>
            Quantization is null ? "" : $"scale {Number(Quantization.Scale)}, zero point {Quantization.ZeroPoint} (kept)";

        /// <inheritdoc/>
        public override TResult Accept<TResult>(ILayerVisitor<TResult> visitor, TensorSpec input) => visitor.Visit(this, input);

        internal override void Validate(TensorSpec input)
        {
            ExpectShape(input, Channels, InputLength);
            if (input.IsQuantized) ExpectQuantizedInput(input, Quantization);
            else if (Quantization is not null) throw Problem("a float input takes no quantization parameters");
        }

        internal override void WriteFields(ManifestJsonWriter json)
        {
            json.Field("channels", Channels);
            json.Field("inputLength", InputLength);
            if (Quantization is not null) json.Quantization("quantization", Quantization);
        }

        internal static LayerSpec Read(JsonValue json, string name) =>
            new GlobalAvgPool1dLayer(name, JsonFields.Int(json, "channels"), JsonFields.Int(json, "inputLength"),
                JsonFields.OptionalQuantization(json, "quantization"));
    }
}
