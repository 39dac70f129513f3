using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

using Kws.Runtime.Simd;

namespace Kws.Runtime.Kernels;

/// <summary>
/// Four dot products of one uint8 vector with four consecutive int8 weight rows (register blocking): each chunk of
/// codes is loaded and widened once for four output channels, which is what makes a convolution's inner loop cheap.
/// Exact integer sums, so identical to four calls of <see cref="Int8DotProduct"/> on every path.
/// </summary>
public static class Int8DotProduct4
{
    /// <summary>Writes the dot products of <paramref name="x"/> with each of the four consecutive rows in <paramref name="rows"/> (each as long as <paramref name="x"/>) to <paramref name="sums"/>[0..3].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compute(SimdPath path, ReadOnlySpan<sbyte> rows, ReadOnlySpan<byte> x, Span<int> sums)
    {
        int n = x.Length;
        if (rows.Length != 4 * n || sums.Length < 4)
        {
            throw new ArgumentException("expected four weight rows as long as the codes, and room for four sums");
        }
        ref sbyte w = ref MemoryMarshal.GetReference(rows);
        ref byte xr = ref MemoryMarshal.GetReference(x);
        int j = 0;
        Vector256<int> a0 = default, a1 = default, a2 = default, a3 = default;
        if (path == SimdPath.Avx512BW && Avx512BW.IsSupported)
        {
            Vector512<int> b0 = default, b1 = default, b2 = default, b3 = default;
            for (; j <= n - 32; j += 32)
            {
                Vector512<short> xv = Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref xr, (nuint)j)).AsInt16();
                b0 += Avx512BW.MultiplyAddAdjacent(Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref w, (nuint)j)), xv);
                b1 += Avx512BW.MultiplyAddAdjacent(Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref w, (nuint)(n + j))), xv);
                b2 += Avx512BW.MultiplyAddAdjacent(Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref w, (nuint)(2 * n + j))), xv);
                b3 += Avx512BW.MultiplyAddAdjacent(Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref w, (nuint)(3 * n + j))), xv);
            }
            a0 = b0.GetLower() + b0.GetUpper();
            a1 = b1.GetLower() + b1.GetUpper();
            a2 = b2.GetLower() + b2.GetUpper();
            a3 = b3.GetLower() + b3.GetUpper();
        }
        if (path == SimdPath.AvxVnni && AvxVnni.IsSupported)
        {
            for (; j <= n - 32; j += 32)
            {
                Vector256<byte> xv = Vector256.LoadUnsafe(ref xr, (nuint)j);
                a0 = AvxVnni.MultiplyWideningAndAdd(a0, xv, Vector256.LoadUnsafe(ref w, (nuint)j));
                a1 = AvxVnni.MultiplyWideningAndAdd(a1, xv, Vector256.LoadUnsafe(ref w, (nuint)(n + j)));
                a2 = AvxVnni.MultiplyWideningAndAdd(a2, xv, Vector256.LoadUnsafe(ref w, (nuint)(2 * n + j)));
                a3 = AvxVnni.MultiplyWideningAndAdd(a3, xv, Vector256.LoadUnsafe(ref w, (nuint)(3 * n + j)));
            }
        }
        // The 256-bit loop also takes what the 512-bit and VNNI loops leave (any x64 path with AVX2).
        if ((path == SimdPath.Avx2 || path == SimdPath.AvxVnni || path == SimdPath.Avx512BW) && Avx2.IsSupported)
        {
            for (; j <= n - 16; j += 16)
            {
                Vector256<short> xv = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref xr, (nuint)j)).AsInt16();
                a0 += Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref w, (nuint)j)), xv);
                a1 += Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref w, (nuint)(n + j))), xv);
                a2 += Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref w, (nuint)(2 * n + j))), xv);
                a3 += Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref w, (nuint)(3 * n + j))), xv);
            }
        }
        sums[0] = Vector256.Sum(a0) + Tail(path, ref w, ref xr, j, n);
        sums[1] = Vector256.Sum(a1) + Tail(path, ref Unsafe.Add(ref w, n), ref xr, j, n);
        sums[2] = Vector256.Sum(a2) + Tail(path, ref Unsafe.Add(ref w, 2 * n), ref xr, j, n);
        sums[3] = Vector256.Sum(a3) + Tail(path, ref Unsafe.Add(ref w, 3 * n), ref xr, j, n);
    }

    /// <summary>The rest of one row from <paramref name="j"/> on, through the single-row kernel (which handles Vector128 and scalar).</summary>
    private static int Tail(SimdPath path, ref sbyte row, ref byte x, int j, int n) =>
        Int8DotProduct.Compute(path, MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref row, j), n - j),
            MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref x, j), n - j));
}
