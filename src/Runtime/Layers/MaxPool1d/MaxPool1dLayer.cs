using Kws.Runtime.Manifest;

namespace Kws.Runtime.Layers
{
    /// <summary>
    /// MaxPool1d(kernel, stride) per channel, no padding, on whichever kind flows in. Exact on uint8 codes: max commutes
    /// with the monotonic map from code to real value, so pooling the codes equals pooling the values.
    /// </summary>
    public sealed class MaxPool1dLayer : LayerSpec
    {
        /// <summary>The manifest's "op" for this layer.</summary>
        public const string OpName = "maxpool1d";

        /// <summary>A MaxPool1d over <paramref name="channels"/> channels with the given window and lengths.</summary>
        public MaxPool1dLayer(string name, int channels, int kernelSize, int stride, int inputLength, int outputLength)
            : base(name)
        {
            Channels = channels;
            KernelSize = kernelSize;
            Stride = stride;
            InputLength = inputLength;
            OutputLength = outputLength;
        }

        /// <inheritdoc/>
        public override string Op => OpName;

        /// <summary>Channels of the activation.</summary>
        public int Channels { get; }

        /// <summary>Positions in one pooling window.</summary>
        public int KernelSize { get; }

        /// <summary>Step between two windows.</summary>
        public int Stride { get; }

        /// <summary>Positions of the input activation.</summary>
        public int InputLength { get; }

        /// <summary>Positions of the output activation.</summary>
        public int OutputLength { get; }

        /// <inheritdoc/>
        public override TensorSpec OutputFor(TensorSpec input) => new TensorSpec(Channels, OutputLength, input.Quantization);

        /// <inheritdoc/>
        public override string Describe() => $"kernel {KernelSize}, stride {Stride}";

        /// <inheritdoc/>
        public override TResult Accept<TResult>(ILayerVisitor<TResult> visitor, TensorSpec input) => visitor.Visit(this, input);

        internal override void Validate(TensorSpec input)
        {
            ExpectShape(input, Channels, InputLength);
            CheckWindow(InputLength, KernelSize, Stride, OutputLength);
        }

        internal override void WriteFields(ManifestJsonWriter json)
        {
            json.Field("channels", Channels);
            json.Field("kernelSize", KernelSize);
            json.Field("stride", Stride);
            json.Field("inputLength", InputLength);
            json.Field("outputLength", OutputLength);
        }

        internal static LayerSpec Read(JsonValue json, string name) =>
            new MaxPool1dLayer(name, JsonFields.Int(json, "channels"), JsonFields.Int(json, "kernelSize"), JsonFields.Int(json, "stride"),
                JsonFields.Int(json, "inputLength"), JsonFields.Int(json, "outputLength"));
    }
}
