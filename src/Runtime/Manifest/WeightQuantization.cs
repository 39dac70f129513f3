namespace Kws.Runtime.Manifest
{
    /// <summary>
    /// Affine quantization of an int8 weight tensor: per tensor (one scale and zero point) or per channel along
    /// <see cref="Axis"/> (one of each per output channel), as PyTorch's per_tensor_affine / per_channel_affine.
    /// </summary>
    public sealed class WeightQuantization
    {
        /// <summary>A per-tensor or per-channel scheme with its scales and zero points.</summary>
        public WeightQuantization(bool perChannel, int axis, double[] scales, int[] zeroPoints)
        {
            PerChannel = perChannel;
            Axis = axis;
            Scales = scales;
            ZeroPoints = zeroPoints;
        }

        /// <summary>One scale and zero point per output channel rather than one for the tensor.</summary>
        public bool PerChannel { get; }

        /// <summary>The channel axis of a per-channel scheme (0 = output channels); 0 for per-tensor.</summary>
        public int Axis { get; }

        /// <summary>One scale per output channel, or a single one for per-tensor.</summary>
        public double[] Scales { get; }

        /// <summary>One zero point per output channel, or a single one for per-tensor.</summary>
        public int[] ZeroPoints { get; }

        /// <summary>The scale of output channel <paramref name="channel"/>.</summary>
        public double ScaleOf(int channel) => PerChannel ? Scales[channel] : Scales[0];

        /// <summary>The zero point of output channel <paramref name="channel"/>.</summary>
        public int ZeroPointOf(int channel) => PerChannel ? ZeroPoints[channel] : ZeroPoints[0];
    }
}
