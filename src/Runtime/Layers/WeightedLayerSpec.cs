using Kws.Runtime.Manifest;

namespace Kws.Runtime.Layers
{
    /// <summary>
    /// What Conv1d and Linear share: weights (float32, or int8 with their quantization), a float32 bias per output
    /// channel, an optional fused ReLU, and for int8 layers the input and output activation quantization.
    /// BatchNorm is already folded into the weights and bias (kwsc does it for float32 checkpoints).
    /// </summary>
    public abstract class WeightedLayerSpec : LayerSpec
    {
        /// <summary>A layer with weights: exactly one of <paramref name="floatWeights"/> and <paramref name="int8Weights"/> is set, the latter with its quantization and the input and output activation quantization.</summary>
        protected WeightedLayerSpec(
            string name, int inChannels, int outChannels, bool relu, float[] bias,
            float[]? floatWeights, sbyte[]? int8Weights, WeightQuantization? weightQuantization,
            ActivationQuantization? input, ActivationQuantization? output) : base(name)
        {
            InChannels = inChannels;
            OutChannels = outChannels;
            Relu = relu;
            Bias = bias;
            FloatWeights = floatWeights;
            Int8Weights = int8Weights;
            WeightQuantization = weightQuantization;
            Input = input;
            Output = output;
        }

        /// <summary>Input channels (input features of a Linear).</summary>
        public int InChannels { get; }

        /// <summary>Output channels (output features of a Linear).</summary>
        public int OutChannels { get; }

        /// <summary>Whether a ReLU is fused after the layer.</summary>
        public bool Relu { get; }

        /// <summary>float32 bias, one per output channel (zeros when the module had none).</summary>
        public float[] Bias { get; }

        /// <summary>float32 weights in PyTorch order (out, in, kernel) for float32 layers; null otherwise.</summary>
        public float[]? FloatWeights { get; }

        /// <summary>int8 weight codes in PyTorch order (out, in, kernel) for int8 layers; null otherwise.</summary>
        public sbyte[]? Int8Weights { get; }

        /// <summary>The quantization of <see cref="Int8Weights"/>; null for float32 layers.</summary>
        public WeightQuantization? WeightQuantization { get; }

        /// <summary>The quantization of the uint8 codes this int8 layer reads; null for float layers.</summary>
        public ActivationQuantization? Input { get; }

        /// <summary>The quantization of the uint8 codes this int8 layer writes; null for float layers.</summary>
        public ActivationQuantization? Output { get; }

        /// <summary>Whether the layer holds int8 weights.</summary>
        public bool IsQuantized => Int8Weights is not null;

        /// <inheritdoc/>
        public override bool HasInt8Weights => IsQuantized;

        /// <inheritdoc/>
        public override bool HasFloatWeights => !IsQuantized;

        /// <summary>The weight tensor's shape in PyTorch order: [out, in, kernel] or [out, in].</summary>
        protected abstract int[] WeightShape { get; }

        /// <summary>No engine can compute with a NaN or infinite parameter: one rule for kwsc, the reader and the build.</summary>
        private static void CheckFinite(float[] values, string what)
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (float.IsNaN(values[i]) || float.IsInfinity(values[i])) throw Problem($"{what} hold a NaN or infinite value (at index {i})");
            }
        }

        /// <summary>"relu, int8 weights per channel", "float32 weights".</summary>
        protected string DescribeWeights()
        {
            string weights = WeightQuantization switch
            {
                null => "float32 weights",
                { PerChannel: true } => "int8 weights per channel",
                _ => "int8 weights per tensor",
            };
            return Relu ? "relu, " + weights : weights;
        }

        internal override void WriteFields(ManifestJsonWriter json) => json.Weighted(this, WeightShape);

        /// <summary>
        /// The checks every weighted layer shares: bias and weight counts, float input for float weights, and for int8
        /// weights the quantization chain and the weight scheme. The requantization constants depend on the manifest's
        /// engine: <see cref="ManifestValidator"/> builds them.
        /// </summary>
        protected void ValidateWeights(TensorSpec input)
        {
            long weightCount = 1;
            foreach (int d in WeightShape) weightCount *= d;
            if (OutChannels < 1) throw Problem("output channels must be positive");
            if (Bias.Length != OutChannels) throw Problem($"bias has {Bias.Length} values for {OutChannels} output channels");
            CheckFinite(Bias, "bias");
            if (!IsQuantized)
            {
                ExpectFloatInput(input, "a float layer");
                if (FloatWeights is null) throw Problem("a float layer needs float32 weights");
                if (FloatWeights.Length != weightCount) throw Problem($"weights hold {FloatWeights.Length} values, shape needs {weightCount}");
                CheckFinite(FloatWeights, "weights");
                return;
            }
            if (WeightQuantization is null) throw Problem("an int8 layer needs int8 weights and their quantization");
            if (Int8Weights!.Length != weightCount) throw Problem($"weights hold {Int8Weights.Length} values, shape needs {weightCount}");
            ExpectQuantizedInput(input, Input);
            if (Output is null) throw Problem("an int8 layer needs output quantization parameters");
            CheckActivation(Output);
            WeightQuantization q = WeightQuantization;
            int expectedScales = q.PerChannel ? OutChannels : 1;
            if (q.PerChannel && q.Axis != 0) throw Problem($"per-channel weight quantization must be along axis 0 (output channels), found axis {q.Axis}");
            if (q.Scales.Length != expectedScales || q.ZeroPoints.Length != expectedScales)
            {
                throw Problem($"weight quantization has {q.Scales.Length} scales and {q.ZeroPoints.Length} zero points, expected {expectedScales}");
            }
            foreach (double s in q.Scales)
            {
                if (!(s > 0) || double.IsInfinity(s)) throw Problem($"weight scale {s} is not a positive finite number");
            }
            foreach (int z in q.ZeroPoints)
            {
                if (z != 0) throw Problem($"weight zero point {z}: only symmetric int8 weights (zero point 0) are supported, as PyTorch's x86 and qnnpack qconfigs produce");
            }
        }
    }
}
