namespace Kws.Runtime.Manifest
{
    /// <summary>
    /// Average over the whole length of each channel (the M5's F.avg_pool1d(x, x.shape[-1])). Output length 1.
    /// For int8 models the output keeps the input's scale and zero point, as PyTorch's quantized avg_pool1d does.
    /// </summary>
    public sealed class GlobalAvgPool1dLayer : LayerSpec
    {
        public GlobalAvgPool1dLayer(string name, int channels, int inputLength, ActivationQuantization? quantization)
            : base(name)
        {
            Channels = channels;
            InputLength = inputLength;
            Quantization = quantization;
        }

        public override string Op => "globalavgpool1d";
        public int Channels { get; }
        public int InputLength { get; }

        /// <summary>Input and output quantization (identical); null for float32 models.</summary>
        public ActivationQuantization? Quantization { get; }
    }
}
