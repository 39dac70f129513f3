using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

using Kws.Runtime.Simd;

namespace Kws.Runtime.Kernels;

/// <summary>
/// sum(w[j] * x[j]) for int8 weights and uint8 codes, in int32. Integer arithmetic is exact and associative, so
/// every path returns the same value as the scalar loop in any order; what differs is only speed. Products of an
/// int8 and a uint8 fit in int16 (|-128 * 255| &lt; 32768), so the 16-bit paths cannot saturate, and VNNI's
/// vpdpbusd adds its four products into int32 without saturating.
/// </summary>
public static class Int8DotProduct
{
    /// <summary>sum(w[j] * x[j]) on the best int8 path of this machine.</summary>
    public static int Compute(ReadOnlySpan<sbyte> w, ReadOnlySpan<byte> x) => Compute(SimdSupport.BestInt8, w, x);

    /// <summary>sum(w[j] * x[j]) on the given <paramref name="path"/> (which this machine must support).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Compute(SimdPath path, ReadOnlySpan<sbyte> w, ReadOnlySpan<byte> x)
    {
        if (w.Length != x.Length)
        {
            throw new ArgumentException("weights and codes differ in length");
        }
        ref sbyte wRef = ref MemoryMarshal.GetReference(w);
        ref byte xRef = ref MemoryMarshal.GetReference(x);
        int n = w.Length, j = 0, sum = 0;
        if (path == SimdPath.Avx512BW && Avx512BW.IsSupported)
        {
            sum = Avx512(ref wRef, ref xRef, n, ref j);
            sum += Avx2Path(ref wRef, ref xRef, n, ref j);
        }
        else if (path == SimdPath.AvxVnni && AvxVnni.IsSupported)
        {
            sum = Vnni(ref wRef, ref xRef, n, ref j);
        }
        else if (path == SimdPath.Avx2 && Avx2.IsSupported)
        {
            sum = Avx2Path(ref wRef, ref xRef, n, ref j);
        }
        else if (path.VectorBytes >= 16 && Vector128.IsHardwareAccelerated)
        {
            // SSE4.1 and both ARM64 paths: portable 128-bit widening multiplies.
            sum = Portable128(ref wRef, ref xRef, n, ref j);
        }
        for (; j < n; j++)
        {
            sum += Unsafe.Add(ref wRef, j) * Unsafe.Add(ref xRef, j);
        }
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Avx512(ref sbyte w, ref byte x, int n, ref int j)
    {
        Vector512<int> acc = Vector512<int>.Zero;
        for (; j <= n - 32; j += 32)
        {
            Vector512<short> wv = Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref w, (nuint)j));
            Vector512<short> xv = Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref x, (nuint)j)).AsInt16();
            acc += Avx512BW.MultiplyAddAdjacent(wv, xv);
        }
        return Vector512.Sum(acc);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Vnni(ref sbyte w, ref byte x, int n, ref int j)
    {
        Vector256<int> acc = Vector256<int>.Zero;
        for (; j <= n - 32; j += 32)
        {
            acc = AvxVnni.MultiplyWideningAndAdd(acc, Vector256.LoadUnsafe(ref x, (nuint)j), Vector256.LoadUnsafe(ref w, (nuint)j));
        }
        Vector128<int> acc128 = Vector128<int>.Zero;
        for (; j <= n - 16; j += 16)
        {
            acc128 = AvxVnni.MultiplyWideningAndAdd(acc128, Vector128.LoadUnsafe(ref x, (nuint)j), Vector128.LoadUnsafe(ref w, (nuint)j));
        }
        return Vector256.Sum(acc) + Vector128.Sum(acc128);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Avx2Path(ref sbyte w, ref byte x, int n, ref int j)
    {
        Vector256<int> acc = Vector256<int>.Zero;
        for (; j <= n - 16; j += 16)
        {
            Vector256<short> wv = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref w, (nuint)j));
            Vector256<short> xv = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref x, (nuint)j)).AsInt16();
            acc += Avx2.MultiplyAddAdjacent(wv, xv);
        }
        return Vector256.Sum(acc);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Portable128(ref sbyte w, ref byte x, int n, ref int j)
    {
        Vector128<int> acc = Vector128<int>.Zero;
        for (; j <= n - 16; j += 16)
        {
            Vector128<sbyte> wv = Vector128.LoadUnsafe(ref w, (nuint)j);
            Vector128<byte> xv = Vector128.LoadUnsafe(ref x, (nuint)j);
            Vector128<short> low = Vector128.WidenLower(wv) * Vector128.WidenLower(xv).AsInt16();
            Vector128<short> high = Vector128.WidenUpper(wv) * Vector128.WidenUpper(xv).AsInt16();
            acc += Vector128.WidenLower(low) + Vector128.WidenUpper(low) + Vector128.WidenLower(high) + Vector128.WidenUpper(high);
        }
        return Vector128.Sum(acc);
    }
}
