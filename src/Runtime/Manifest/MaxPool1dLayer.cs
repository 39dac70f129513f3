namespace Kws.Runtime.Manifest
{
    /// <summary>MaxPool1d(kernel, stride) per channel, no padding; exact on float and on quantized values alike.</summary>
    public sealed class MaxPool1dLayer : LayerSpec
    {
        public MaxPool1dLayer(string name, int channels, int kernelSize, int stride, int inputLength, int outputLength)
            : base(name)
        {
            Channels = channels;
            KernelSize = kernelSize;
            Stride = stride;
            InputLength = inputLength;
            OutputLength = outputLength;
        }

        public override string Op => "maxpool1d";
        public int Channels { get; }
        public int KernelSize { get; }
        public int Stride { get; }
        public int InputLength { get; }
        public int OutputLength { get; }
    }
}
