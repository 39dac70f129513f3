using Kws.Runtime.Manifest;

namespace Kws.Runtime.Layers
{
    /// <summary>
    /// What the two "average the whole length" pools share: [Channels][InputLength] in, [Channels][1] out, on floats or
    /// on codes whose quantization the output keeps. They differ in how PyTorch rounds codes, which is why each is its
    /// own layer type with its own kernel (<see cref="GlobalAvgPool1dLayer"/>, <see cref="AdaptiveAvgPool1dLayer"/>).
    /// </summary>
    public abstract class AveragePoolToOneLayer : LayerSpec
    {
        /// <summary>The shared state of both pools; <paramref name="quantization"/> is set when they work on uint8 codes.</summary>
        protected AveragePoolToOneLayer(string name, int channels, int inputLength, ActivationQuantization? quantization)
            : base(name)
        {
            Channels = channels;
            InputLength = inputLength;
            Quantization = quantization;
        }

        /// <summary>Channels of the activation.</summary>
        public int Channels { get; }
        /// <summary>Positions averaged per channel.</summary>
        public int InputLength { get; }

        /// <summary>Input and output quantization (identical); null on float input.</summary>
        public ActivationQuantization? Quantization { get; }

        /// <inheritdoc/>
        public override TensorSpec OutputFor(TensorSpec input) => new TensorSpec(Channels, 1, Quantization);

        /// <summary>"scale 0.0123, zero point 5 (kept)" on codes, empty on floats.</summary>
        protected string DescribeQuantization() =>
            Quantization is null ? "" : $"scale {Number(Quantization.Scale)}, zero point {Quantization.ZeroPoint} (kept)";

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
    }
}
