namespace Kws.Runtime.Manifest
{
    /// <summary>Conv1d without padding or dilation: out[o][t] = bias[o] + sum_i sum_k w[o][i][k] * in[i][t*stride + k].</summary>
    public sealed class Conv1dLayer : WeightedLayerSpec
    {
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

        public override string Op => "conv1d";
        public int KernelSize { get; }
        public int Stride { get; }
        public int InputLength { get; }
        public int OutputLength { get; }

        /// <summary>Multiply-accumulates for one inference.</summary>
        public long MacCount => (long)OutChannels * OutputLength * InChannels * KernelSize;
    }
}
