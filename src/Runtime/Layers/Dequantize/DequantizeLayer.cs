using Kws.Runtime.Manifest;

namespace Kws.Runtime.Layers
{
    /// <summary>
    /// uint8 back to float, as PyTorch's DeQuantStub does: x = (float)scale * (q - zeroPoint). The exit of an int8
    /// block: before the final log-softmax, or before float layers in a mixed-precision model.
    /// </summary>
    public sealed class DequantizeLayer : LayerSpec
    {
        public const string OpName = "dequantize";

        public DequantizeLayer(string name, int channels, int length, ActivationQuantization input) : base(name)
        {
            Channels = channels;
            Length = length;
            Input = input;
        }

        public override string Op => OpName;
        public int Channels { get; }
        public int Length { get; }

        /// <summary>The quantization of the codes it reads.</summary>
        public ActivationQuantization Input { get; }

        public override TensorSpec OutputFor(TensorSpec input) => new TensorSpec(Channels, Length, null);

        public override string Describe() => $"to float: scale {Number(Input.Scale)}, zero point {Input.ZeroPoint}";

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
