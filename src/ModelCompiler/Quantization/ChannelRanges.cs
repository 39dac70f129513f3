namespace Kws.Compiler.Quantization;

/// <summary>
/// The per-channel minima and maxima of a batch along axis 0 (<c>torch.aminmax(y, dim=1)</c> after PyTorch's observers
/// flatten every other axis), and the running state the per-channel observers keep.
/// </summary>
internal sealed class ChannelRanges
{
    private ChannelRanges(float[] min, float[] max)
    {
        Min = min;
        Max = max;
    }

    public float[] Min { get; }

    public float[] Max { get; }

    public int Channels => Min.Length;

    /// <summary>The ranges of one non-empty batch whose first dimension is the channel.</summary>
    public static ChannelRanges Of(ReadOnlySpan<float> values, ReadOnlySpan<int> shape)
    {
        if (shape.IsEmpty)
        {
            throw new ArgumentException("a per-channel observer needs a shape whose first dimension is the channel");
        }
        int channels = shape[0];
        int perChannel = values.Length / channels;
        var min = new float[channels];
        var max = new float[channels];
        for (int c = 0; c < channels; c++)
        {
            (min[c], max[c]) = ObservedBatch.FiniteRange(values.Slice(c * perChannel, perChannel));
        }
        return new ChannelRanges(min, max);
    }

    public void RequireSameChannels(ChannelRanges batch)
    {
        if (batch.Channels != Channels)
        {
            throw new ArgumentException($"a per-channel observer saw {Channels} channels, then a batch of {batch.Channels}");
        }
    }
}
