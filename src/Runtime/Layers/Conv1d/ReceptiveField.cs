namespace Kws.Runtime.Layers;

/// <summary>
/// im2col for one output position of a Conv1d: the values the kernel reads, in weight order [in channel][tap], as
/// one contiguous span, so the convolution becomes dot products with contiguous weight rows.
/// </summary>
public static class ReceptiveField
{
    /// <summary>With one input channel the input slice already is the field; otherwise it is gathered into <paramref name="column"/>.</summary>
    public static ReadOnlySpan<T> Gather<T>(ReadOnlySpan<T> input, Conv1dShape shape, int position, Span<T> column)
    {
        int start = position * shape.Stride;
        if (shape.InChannels == 1)
        {
            return input.Slice(start, shape.KernelSize);
        }
        for (int i = 0; i < shape.InChannels; i++)
        {
            input.Slice(i * shape.InputLength + start, shape.KernelSize).CopyTo(column.Slice(i * shape.KernelSize));
        }
        return column[..shape.WeightsPerChannel];
    }
}
