using System.Linq;
using Kws.Generator.Emit.Dot;
using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;
using Kws.Runtime.Quantization;

namespace Kws.Generator.Planning
{
    /// <summary>
    /// When an int8 Conv1d and the MaxPool1d right after it become one method. Requantization never decreases as the
    /// int32 accumulator grows when the channel's multiplier is not negative (int-to-float conversion, the multiply, the
    /// add, rounding and clamping are all monotonic), so requantizing the max of a window's accumulators gives exactly
    /// the max of their requantized codes: the pool is folded into the convolution, which then requantizes once per
    /// window instead of once per position, skips the positions no window covers, and never writes the unpooled
    /// activation. Only non-overlapping windows (kernel == stride) that fit in every path's accumulator registers
    /// (<see cref="TileBudget.SmallestInt8Accumulators"/>) are fused; float layers are not (their NaN order would differ).
    /// </summary>
    internal static class PoolFusion
    {
        public static bool Fuses(Conv1dLayer conv, LayerSpec? next, QuantizedEngine engine) =>
            next is MaxPool1dLayer pool
            && conv.IsQuantized
            && pool.KernelSize == pool.Stride
            && pool.KernelSize <= TileBudget.SmallestInt8Accumulators
            && pool.InputLength == conv.OutputLength
            && RequantizationPlan.For(conv, engine).Multiplier.All(m => m >= 0f);
    }
}
