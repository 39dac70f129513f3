namespace Kws.Runtime.Manifest
{
    /// <summary>Linear: out[o] = bias[o] + sum_i w[o][i] * in[i], applied to the flattened [channels][length] input.</summary>
    public sealed class LinearLayer : WeightedLayerSpec
    {
        public LinearLayer(
            string name, int inFeatures, int outFeatures, bool relu, float[] bias,
            float[]? floatWeights, sbyte[]? int8Weights, WeightQuantization? weightQuantization,
            ActivationQuantization? input, ActivationQuantization? output)
            : base(name, inFeatures, outFeatures, relu, bias, floatWeights, int8Weights, weightQuantization, input, output)
        {
        }

        public override string Op => "linear";
        public int InFeatures => InChannels;
        public int OutFeatures => OutChannels;
        public long MacCount => (long)InFeatures * OutFeatures;
    }
}
