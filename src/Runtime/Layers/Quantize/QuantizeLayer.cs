using Kws.Runtime.Manifest;

namespace Kws.Runtime.Layers
{
    /// <summary>
    /// Float to uint8, as PyTorch's QuantStub does: q = clamp(round_half_even(x / scale) + zeroPoint, 0, 255)
    /// (<see cref="Quantization.Quantizer"/> holds the exact rule). The model's first step, or the entry of an int8
    /// block inside a mixed-precision model.
    /// </summary>
    public sealed class QuantizeLayer : LayerSpec
    {
        /// <summary>The manifest's "op" for this layer.</summary>
        public const string OpName = "quantize";

        /// <summary>A layer turning [<paramref name="channels"/> x <paramref name="length"/>] float32 values into uint8 codes of quantization <paramref name="output"/>.</summary>
        public QuantizeLayer(string name, int channels, int length, ActivationQuantization output) : base(name)
        {
            Channels = channels;
            Length = length;
            Output = output;
        }

        /// <inheritdoc/>
        public override string Op => OpName;

        /// <summary>Channels of the activation.</summary>
        public int Channels { get; }

        /// <summary>Positions of the activation.</summary>
        public int Length { get; }

        /// <summary>The quantization of the codes it writes.</summary>
        public ActivationQuantization Output { get; }

        /// <inheritdoc/>
        public override TensorSpec OutputFor(TensorSpec input) => new TensorSpec(Channels, Length, Output);

        /// <inheritdoc/>
        public override string Describe() => $"to uint8: scale {Number(Output.Scale)}, zero point {Output.ZeroPoint}";

        /// <inheritdoc/>
        public override TResult Accept<TResult>(ILayerVisitor<TResult> visitor, TensorSpec input) => visitor.Visit(this, input);

        internal override void Validate(TensorSpec input)
        {
            if (input.IsQuantized) throw Problem("the input is already quantized");
            ExpectShape(input, Channels, Length);
            CheckActivation(Output);
        }

        internal override void WriteFields(ManifestJsonWriter json)
        {
            json.Field("channels", Channels);
            json.Field("length", Length);
            json.Quantization("output", Output);
        }

        internal static LayerSpec Read(JsonValue json, string name) =>
            new QuantizeLayer(name, JsonFields.Int(json, "channels"), JsonFields.Int(json, "length"), JsonFields.Quantization(json, "output"));
    }
}
