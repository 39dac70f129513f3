using Kws.Runtime.Manifest;

namespace Kws.Runtime.Layers
{
    /// <summary>
    /// Conv1d without padding or dilation, BatchNorm folded in and ReLU optionally fused:
    /// out[o][t] = bias[o] + sum_i sum_k w[o][i][k] * in[i][t*stride + k]. Float32, or int8 weights on uint8 codes
    /// with requantization (<see cref="Quantization.RequantizationPlan"/>).
    /// </summary>
    public sealed class Conv1dLayer : WeightedLayerSpec
    {
        /// <summary>The manifest's "op" for this layer.</summary>
        public const string OpName = "conv1d";

        /// <summary>A Conv1d layer with the given shape, weights (float32 or int8 with their quantization), bias and activation quantization.</summary>
        public Conv1dLayer(
            string name, int inChannels, int outChannels, int kernelSize, int stride, int inputLength, int outputLength,
            bool relu, float[] bias, float[]? floatWeights, sbyte[]? int8Weights, WeightQuantization? weightQuantization,
            ActivationQuantization? input, ActivationQuantization? output)
            : base(name, inChannels, outChannels, relu, bias, floatWeights, int8Weights, weightQuantization, input, output)
        {
            KernelSize = kernelSize;
            Stride = stride;
            InputLength = inputLength;
            OutputLength = outputLength;
        }

        /// <inheritdoc/>
        public override string Op => OpName;

        /// <summary>Taps of the convolution window.</summary>
        public int KernelSize { get; }

        /// <summary>Step between two output positions, in input samples.</summary>
        public int Stride { get; }

        /// <summary>Positions of the input activation.</summary>
        public int InputLength { get; }

        /// <summary>Positions of the output activation: (InputLength - KernelSize) / Stride + 1.</summary>
        public int OutputLength { get; }

        /// <inheritdoc/>
        public override long MacCount => (long)OutChannels * OutputLength * InChannels * KernelSize;

        /// <inheritdoc/>
        protected override int[] WeightShape => new[] { OutChannels, InChannels, KernelSize };

        /// <inheritdoc/>
        public override TensorSpec OutputFor(TensorSpec input) => new TensorSpec(OutChannels, OutputLength, Output);

        /// <inheritdoc/>
        public override string Describe() => $"kernel {KernelSize}, stride {Stride}, {DescribeWeights()}";

        /// <inheritdoc/>
        public override TResult Accept<TResult>(ILayerVisitor<TResult> visitor, TensorSpec input) => visitor.Visit(this, input);

        internal override void Validate(TensorSpec input)
        {
            ExpectShape(input, InChannels, InputLength);
            CheckWindow(InputLength, KernelSize, Stride, OutputLength);
            ValidateWeights(input);
        }

        internal override void WriteFields(ManifestJsonWriter json)
        {
            json.Field("inChannels", InChannels);
            json.Field("outChannels", OutChannels);
            json.Field("kernelSize", KernelSize);
            json.Field("stride", Stride);
            json.Field("inputLength", InputLength);
            json.Field("outputLength", OutputLength);
            base.WriteFields(json);
        }

        internal static LayerSpec Read(JsonValue json, string name)
        {
            int inChannels = JsonFields.Int(json, "inChannels"), outChannels = JsonFields.Int(json, "outChannels");
            int kernelSize = JsonFields.Int(json, "kernelSize");
            LayerWeights w = JsonFields.Weights(json, new[] { outChannels, inChannels, kernelSize });
            return new Conv1dLayer(name, inChannels, outChannels, kernelSize, JsonFields.Int(json, "stride"),
                JsonFields.Int(json, "inputLength"), JsonFields.Int(json, "outputLength"), JsonFields.Bool(json, "relu"),
                w.Bias, w.Floats, w.Int8, w.Quantization, w.Input, w.Output);
        }
    }
}
