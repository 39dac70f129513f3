using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Kws.Runtime.Kernels;

namespace Kws.Runtime.Quantization;

/// <summary>
/// <see cref="Requantizer"/> over a whole row of accumulators, one multiplier and offset per lane: the interpreter's
/// batch form. The vector part calls the same vector rule the generated code calls; the tail the scalar definition.
/// </summary>
public static class VectorRequantizer
{
    /// <summary>Requantizes each accumulator with its lane's multiplier and offset into <paramref name="codes"/>, clamped to [<paramref name="min"/>, 255].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(ReadOnlySpan<int> accumulators, ReadOnlySpan<float> multipliers, ReadOnlySpan<float> offsets,
        int zeroPoint, int min, Span<byte> codes)
    {
        int n = accumulators.Length, j = 0;
        if (multipliers.Length < n || offsets.Length < n || codes.Length < n)
        {
            throw new ArgumentException("multipliers, offsets and codes must be at least as long as the accumulators");
        }
        if (Vector128.IsHardwareAccelerated)
        {
            ref int acc = ref MemoryMarshal.GetReference(accumulators);
            ref float mul = ref MemoryMarshal.GetReference(multipliers);
            ref float off = ref MemoryMarshal.GetReference(offsets);
            ref byte y = ref MemoryMarshal.GetReference(codes);
            for (; j <= n - 4; j += 4)
            {
                Vector128<int> code = Requantizer.Requantize(Vector128.LoadUnsafe(ref acc, (nuint)j), Vector128.LoadUnsafe(ref mul, (nuint)j),
                    Vector128.LoadUnsafe(ref off, (nuint)j), zeroPoint, min);
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref y, j), CodeNarrowing.ToBytes(code));
            }
        }
        for (; j < n; j++)
        {
            codes[j] = Requantizer.Requantize(accumulators[j], multipliers[j], offsets[j], zeroPoint, min);
        }
    }
}
