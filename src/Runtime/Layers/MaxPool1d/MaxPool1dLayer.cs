using Kws.Runtime.Manifest;

namespace Kws.Runtime.Layers
{
    /// <summary>
    /// MaxPool1d(kernel, stride) per channel, no padding, on whichever kind flows in. Exact on uint8 codes: max commutes
    /// with the monotonic map from code to real value, so pooling the codes equals pooling the values.
    /// </summary>
    public sealed class MaxPool1dLayer : LayerSpec
    {
        public const string OpName = "maxpool1d";

        public MaxPool1dLayer(string name, int channels, int kernelSize, int stride, int inputLength, int outputLength)
            : base(name)
        {
            Channels = channels;
            KernelSize = kernelSize;
            Stride = stride;
            InputLength = inputLength;
            OutputLength = outputLength;
        }

        public override string Op => OpName;
        public int Channels { get; }
        public int KernelSize { get; }
        public int Stride { get; }
        public int InputLength { get; }
        public int OutputLength { get; }

        public override TensorSpec OutputFor(TensorSpec input) => new TensorSpec(Channels, OutputLength, input.Quantization);

        public override string Describe() => $"kernel {KernelSize}, stride {Stride}";

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
