namespace Kws.Runtime.Manifest
{
    /// <summary>
    /// What Conv1d and Linear share: weights (float32, or int8 with their quantization), a float32 bias per output
    /// channel, an optional fused ReLU, and for int8 models the input and output activation quantization.
    /// BatchNorm is already folded into the weights and bias (kwsc does it for float32 checkpoints).
    /// </summary>
    public abstract class WeightedLayerSpec : LayerSpec
    {
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

        public int InChannels { get; }
        public int OutChannels { get; }
        public bool Relu { get; }

        /// <summary>float32 bias, one per output channel (zeros when the module had none).</summary>
        public float[] Bias { get; }

        /// <summary>float32 weights in PyTorch order (out, in, kernel) for float32 models; null otherwise.</summary>
        public float[]? FloatWeights { get; }

        /// <summary>int8 weight codes in PyTorch order (out, in, kernel) for int8 models; null otherwise.</summary>
        public sbyte[]? Int8Weights { get; }

        public WeightQuantization? WeightQuantization { get; }
        public ActivationQuantization? Input { get; }
        public ActivationQuantization? Output { get; }

        public bool IsQuantized => Int8Weights is not null;
    }
}
