namespace Kws.Generator.Emit.Dot
{
    /// <summary>
    /// Conv1d and Linear seen as the same thing: per output position, a dot product of each output channel's weights
    /// with a window of the channels-last input ([length][stride], channel fastest). A Linear layer is a Conv1d whose
    /// kernel spans the whole input: feature c * length + t of the flattened [channels][length] input is tap t of
    /// channel c. Output channels are padded to <see cref="PaddedOutChannels"/> (a multiple of 16) with zero weights,
    /// so every vector store is whole; the padding lanes hold values nothing reads with a non-zero weight.
    /// </summary>
    internal sealed class DotShape
    {
        public const int ChannelAlignment = 16;

        public DotShape(int inChannels, int inStride, int kernel, int stride, int outLength, int outChannels)
        {
            InChannels = inChannels;
            InStride = inStride;
            Kernel = kernel;
            Step = stride * inStride;
            OutLength = outLength;
            OutChannels = outChannels;
            PaddedOutChannels = RoundUp(outChannels, ChannelAlignment);
        }

        public int InChannels { get; }

        /// <summary>Elements between consecutive positions of the input (its padded channel count).</summary>
        public int InStride { get; }
        public int Kernel { get; }

        /// <summary>Elements between the windows of consecutive outputs (stride * InStride).</summary>
        public int Step { get; }
        public int OutLength { get; }
        public int OutChannels { get; }
        public int PaddedOutChannels { get; }

        /// <summary>Elements in one window: Kernel * InStride, contiguous in memory.</summary>
        public int Window => Kernel * InStride;

        /// <summary>Groups of four window bytes (one int32 lane of vpdpbusd / sdot).</summary>
        public int Groups => (Window + 3) / 4;

        /// <summary>Index of w[o][i][k] in the manifest's PyTorch-ordered weights.</summary>
        public int SourceIndex(int o, int i, int k) => (o * InChannels + i) * Kernel + k;

        public static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
    }
}
