using Kws.Runtime.Manifest;

namespace Kws.Runtime.Layers
{
    /// <summary>
    /// Linear: out[o] = bias[o] + sum_i w[o][i] * in[i], applied to the flattened [channels][length] input; float32,
    /// or int8 weights on uint8 codes with requantization (<see cref="Quantization.RequantizationPlan"/>).
    /// </summary>
    public sealed class LinearLayer : WeightedLayerSpec
    {
        /// <summary>The manifest's "op" for this layer.</summary>
        public const string OpName = "linear";

        /// <summary>A Linear layer with the given features, weights (float32 or int8 with their quantization), bias and activation quantization.</summary>
        public LinearLayer(
            string name, int inFeatures, int outFeatures, bool relu, float[] bias,
            float[]? floatWeights, sbyte[]? int8Weights, WeightQuantization? weightQuantization,
            ActivationQuantization? input, ActivationQuantization? output)
            : base(name, inFeatures, outFeatures, relu, bias, floatWeights, int8Weights, weightQuantization, input, output)
        {
        }

        /// <inheritdoc/>
        public override string Op => OpName;

        /// <summary>Input features (the input channels).</summary>
        public int InFeatures => InChannels;

        /// <summary>Output features (the output channels).</summary>
        public int OutFeatures => OutChannels;
        /// <inheritdoc/>
        public override long MacCount => (long)InFeatures * OutFeatures;

        /// <inheritdoc/>
        protected override int[] WeightShape => new[] { OutFeatures, InFeatures };

        /// <inheritdoc/>
        public override TensorSpec OutputFor(TensorSpec input) => new TensorSpec(OutFeatures, 1, Output);

        /// <inheritdoc/>
        public override string Describe() => DescribeWeights();

        /// <inheritdoc/>
        public override TResult Accept<TResult>(ILayerVisitor<TResult> visitor, TensorSpec input) => visitor.Visit(this, input);

        internal override void Validate(TensorSpec input)
        {
            if (input.Elements != InFeatures) throw Problem($"expects {InFeatures} input features but the previous layer produces {input.Channels} x {input.Length}");
            ValidateWeights(input);
        }

        internal override void WriteFields(ManifestJsonWriter json)
        {
            json.Field("inFeatures", InFeatures);
            json.Field("outFeatures", OutFeatures);
            base.WriteFields(json);
        }

        internal static LayerSpec Read(JsonValue json, string name)
        {
            int inFeatures = JsonFields.Int(json, "inFeatures"), outFeatures = JsonFields.Int(json, "outFeatures");
            LayerWeights w = JsonFields.Weights(json, new[] { outFeatures, inFeatures });
            return new LinearLayer(name, inFeatures, outFeatures, JsonFields.Bool(json, "relu"), w.Bias, w.Floats, w.Int8, w.Quantization, w.Input, w.Output);
        }
    }
}
