namespace Kws.Runtime.Manifest
{
    /// <summary>Float input to uint8: q = clamp(round_half_even(x / scale) + zeroPoint, 0, 255).</summary>
    public sealed class QuantizeLayer : LayerSpec
    {
        public QuantizeLayer(string name, int channels, int length, ActivationQuantization output) : base(name)
        {
            Channels = channels;
            Length = length;
            Output = output;
        }

        public override string Op => "quantize";
        public int Channels { get; }
        public int Length { get; }
        public ActivationQuantization Output { get; }
    }
}
