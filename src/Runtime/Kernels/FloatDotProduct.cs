using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Kws.Runtime.Kernels;

/// <summary>
/// sum(w[j] * x[j]) in float32 with the widest vectors the hardware accelerates. The summation order differs from
/// the scalar reference, so results agree within rounding, not bit for bit (the float32 contract allows that).
/// </summary>
public static class FloatDotProduct
{
    /// <summary>sum(w[j] * x[j]) over two spans of equal length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Compute(ReadOnlySpan<float> w, ReadOnlySpan<float> x)
    {
        if (w.Length != x.Length)
        {
            throw new ArgumentException("weights and values differ in length");
        }
        ref float wRef = ref MemoryMarshal.GetReference(w);
        ref float xRef = ref MemoryMarshal.GetReference(x);
        int n = w.Length, j = 0;
        float sum = 0f;
        if (Vector256.IsHardwareAccelerated && n >= 8)
        {
            Vector256<float> acc = Vector256<float>.Zero;
            for (; j <= n - 8; j += 8)
            {
                acc += Vector256.LoadUnsafe(ref wRef, (nuint)j) * Vector256.LoadUnsafe(ref xRef, (nuint)j);
            }
            sum = Vector256.Sum(acc);
        }
        else if (Vector128.IsHardwareAccelerated && n >= 4)
        {
            Vector128<float> acc = Vector128<float>.Zero;
            for (; j <= n - 4; j += 4)
            {
                acc += Vector128.LoadUnsafe(ref wRef, (nuint)j) * Vector128.LoadUnsafe(ref xRef, (nuint)j);
            }
            sum = Vector128.Sum(acc);
        }
        for (; j < n; j++)
        {
            sum += w[j] * x[j];
        }
        return sum;
    }
}
