using System.Runtime.CompilerServices;
using Kws.Runtime.Kernels;
using Kws.Runtime.Quantization;
using Kws.Runtime.Simd;

namespace Kws.Runtime.Layers;

public static partial class Conv1dInt8Kernel
{
    /// <summary>Scratch <see cref="RunVectorized"/> needs, in bytes: a column, and an accumulator and a code per output channel.</summary>
    public static int ScratchBytes(Conv1dShape shape) => shape.WeightsPerChannel + shape.OutChannels * (sizeof(int) + 1);

    /// <summary>
    /// Bit-identical to <see cref="RunReference"/>: for each output position the receptive field is gathered into one
    /// contiguous column (im2col; with one input channel the input slice already is one), four output channels' weight
    /// rows at a time are dotted with it (<see cref="Int8DotProduct4"/>), and the channels' results are requantized
    /// together by <see cref="VectorRequantizer"/>.
    /// </summary>
    // The kernels skip tiering (here and in the other loop-heavy kernels): measured, tiered compilation left the PTQ
    // interpreter at 2-3x the time of the same graph for QAT, and 583 us with DOTNET_TieredCompilation=0.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunVectorized(ReadOnlySpan<byte> input, ReadOnlySpan<sbyte> weights, RequantizationPlan plan, Conv1dShape shape,
        Span<byte> output, Span<byte> column, Span<int> accumulators, Span<byte> codes)
    {
        int perChannel = shape.WeightsPerChannel;
        SimdPath path = SimdSupport.BestInt8;
        for (int t = 0; t < shape.OutputLength; t++)
        {
            ReadOnlySpan<byte> field = ReceptiveField.Gather(input, shape, t, column);
            int o = 0;
            for (; o <= shape.OutChannels - 4; o += 4)
            {
                Int8DotProduct4.Compute(path, weights.Slice(o * perChannel, 4 * perChannel), field, accumulators[o..]);
            }
            for (; o < shape.OutChannels; o++)
            {
                accumulators[o] = Int8DotProduct.Compute(path, weights.Slice(o * perChannel, perChannel), field);
            }
            for (o = 0; o < shape.OutChannels; o++)
            {
                accumulators[o] += plan.Correction[o];
            }
            VectorRequantizer.Run(accumulators[..shape.OutChannels], plan.Multiplier, plan.Offset, plan.OutputZeroPoint, plan.Min, codes);
            for (o = 0; o < shape.OutChannels; o++)
            {
                output[o * shape.OutputLength + t] = codes[o];
            }
        }
    }
}
