using Kws.Runtime.Manifest;

namespace Kws.Runtime.Layers
{
    /// <summary>
    /// uint8 back to float, as PyTorch's DeQuantStub does: x = (float)scale * (q - zeroPoint). The exit of an int8
    /// block: before the final log-softmax, or before float layers in a mixed-precision model.
    /// </summary>
    public sealed class DequantizeLayer : LayerSpec
    {
        /// <summary>The manifest's "op" for this layer.</summary>
        public const string OpName = "dequantize";

        /// <summary>A layer turning [<paramref name="channels"/> x <paramref name="length"/>] uint8 codes of quantization <paramref name="input"/> back into float32.</summary>
        public DequantizeLayer(string name, int channels, int length, ActivationQuantization input) : base(name)
        {
            Channels = channels;
            Length = length;
            Input = input;
        }

        /// <inheritdoc/>
        public override string Op => OpName;

        /// <summary>Channels of the activation.</summary>
        public int Channels { get; }

        /// <summary>Positions of the activation.</summary>
        public int Length { get; }

        /// <summary>The quantization of the codes it reads.</summary>
        public ActivationQuantization Input { get; }

        /// <inheritdoc/>
        public override TensorSpec OutputFor(TensorSpec input) => new TensorSpec(Channels, Length, null);

        /// <inheritdoc/>
        public override string Describe() => $"to float: scale {Number(Input.Scale)}, zero point {Input.ZeroPoint}";

        /// <inheritdoc/>
        public override TResult Accept<TResult>(ILayerVisitor<TResult> visitor, TensorSpec input) => visitor.Visit(this, input);

        internal override void Validate(TensorSpec input)
        {
            if (!input.IsQuantized) throw Problem("the input is not quantized");
            ExpectShape(input, Channels, Length);
            ExpectQuantizedInput(input, Input);
        }

        internal override void WriteFields(ManifestJsonWriter json)
        {
            json.Field("channels", Channels);
            json.Field("length", Length);
            json.Quantization("input", Input);
        }

        internal static LayerSpec Read(JsonValue json, string name) =>
            new DequantizeLayer(name, JsonFields.Int(json, "channels"), JsonFields.Int(json, "length"), JsonFields.Quantization(json, "input"));
    }
}
