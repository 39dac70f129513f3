namespace Kws.Runtime.Manifest
{
    /// <summary>uint8 back to float: x = scale * (q - zeroPoint).</summary>
    public sealed class DequantizeLayer : LayerSpec
    {
        public DequantizeLayer(string name, int channels, int length, ActivationQuantization input) : base(name)
        {
            Channels = channels;
            Length = length;
            Input = input;
        }

        public override string Op => "dequantize";
        public int Channels { get; }
        public int Length { get; }
        public ActivationQuantization Input { get; }
    }
}
