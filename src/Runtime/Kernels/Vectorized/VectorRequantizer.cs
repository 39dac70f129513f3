using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Kws.Runtime.Kernels.Reference;

namespace Kws.Runtime.Kernels.Vectorized;

/// <summary>
/// <see cref="Requantizer.Requantize"/> on many accumulators at once, one multiplier and offset per lane. Bit-identical
/// to the scalar rule: int-to-float conversion, the multiply and the add are each correctly rounded float32
/// operations in both (no fused multiply-add), and Vector128.Round rounds half to even as MathF.Round does.
/// </summary>
public static class VectorRequantizer
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(ReadOnlySpan<int> accumulators, ReadOnlySpan<float> multipliers, ReadOnlySpan<float> offsets,
        int zeroPoint, int min, Span<byte> codes)
    {
        int n = accumulators.Length, j = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            ref int acc = ref MemoryMarshal.GetReference(accumulators);
            ref float mul = ref MemoryMarshal.GetReference(multipliers);
            ref float off = ref MemoryMarshal.GetReference(offsets);
            var zp = Vector128.Create((float)zeroPoint);
            var low = Vector128.Create((float)min);
            var high = Vector128.Create(255f);
            for (; j <= n - 4; j += 4)
            {
                Vector128<float> scaled = Vector128.ConvertToSingle(Vector128.LoadUnsafe(ref acc, (nuint)j)) * Vector128.LoadUnsafe(ref mul, (nuint)j);
                Vector128<float> shifted = scaled + Vector128.LoadUnsafe(ref off, (nuint)j);
                Vector128<float> code = Vector128.Round(shifted) + zp;
                code = Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(code, low), code, low);
                code = Vector128.ConditionalSelect(Vector128.GreaterThan(code, high), high, code);
                Vector128<int> ints = Vector128.ConvertToInt32(code);
                codes[j] = (byte)ints[0];
                codes[j + 1] = (byte)ints[1];
                codes[j + 2] = (byte)ints[2];
                codes[j + 3] = (byte)ints[3];
            }
        }
        for (; j < n; j++)
        {
            codes[j] = Requantizer.Requantize(accumulators[j], multipliers[j], offsets[j], zeroPoint, min);
        }
    }
}
