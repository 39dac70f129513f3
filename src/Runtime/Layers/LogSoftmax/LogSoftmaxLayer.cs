using Kws.Runtime.Manifest;

namespace Kws.Runtime.Layers
{
    /// <summary>Float log-softmax over the class scores: the model's last step.</summary>
    public sealed class LogSoftmaxLayer : LayerSpec
    {
        /// <summary>The manifest's "op" for this layer.</summary>
        public const string OpName = "logsoftmax";

        /// <summary>A log-softmax over <paramref name="length"/> class scores.</summary>
        public LogSoftmaxLayer(string name, int length) : base(name) => Length = length;

        /// <inheritdoc/>
        public override string Op => OpName;

        /// <summary>Class scores in, log-probabilities out.</summary>
        public int Length { get; }

        /// <inheritdoc/>
        public override TensorSpec OutputFor(TensorSpec input) => new TensorSpec(Length, 1, null);

        /// <inheritdoc/>
        public override string Describe() => "";

        /// <inheritdoc/>
        public override TResult Accept<TResult>(ILayerVisitor<TResult> visitor, TensorSpec input) => visitor.Visit(this, input);

        internal override void Validate(TensorSpec input)
        {
            if (input.IsQuantized) throw Problem("log-softmax needs a dequantized (float) input");
            if (Length != input.Elements) throw Problem($"length {Length} does not match the {input.Elements} scores before it");
        }

        internal override void WriteFields(ManifestJsonWriter json) => json.Field("length", Length);

        internal static LayerSpec Read(JsonValue json, string name) => new LogSoftmaxLayer(name, JsonFields.Int(json, "length"));
    }
}
