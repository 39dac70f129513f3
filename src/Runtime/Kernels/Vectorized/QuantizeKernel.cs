using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Kws.Runtime.Kernels.Vectorized;

/// <summary>
/// Float to uint8, bit-identical to <see cref="Reference.QuantizeKernel"/>: the same float32 multiply, half-even
/// rounding and add, and a clamp that, like the scalar one, sends NaN to 0.
/// </summary>
public static class QuantizeKernel
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(ReadOnlySpan<float> input, float inverseScale, int zeroPoint, Span<byte> output)
    {
        int n = input.Length, j = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            ref float x = ref MemoryMarshal.GetReference(input);
            var inv = Vector128.Create(inverseScale);
            var zp = Vector128.Create((float)zeroPoint);
            var high = Vector128.Create(255f);
            for (; j <= n - 16; j += 16)
            {
                Vector128<int> a = Codes(Vector128.LoadUnsafe(ref x, (nuint)j), inv, zp, high);
                Vector128<int> b = Codes(Vector128.LoadUnsafe(ref x, (nuint)(j + 4)), inv, zp, high);
                Vector128<int> c = Codes(Vector128.LoadUnsafe(ref x, (nuint)(j + 8)), inv, zp, high);
                Vector128<int> d = Codes(Vector128.LoadUnsafe(ref x, (nuint)(j + 12)), inv, zp, high);
                Vector128<ushort> ab = Vector128.Narrow(a.AsUInt32(), b.AsUInt32());
                Vector128<ushort> cd = Vector128.Narrow(c.AsUInt32(), d.AsUInt32());
                Vector128.Narrow(ab, cd).StoreUnsafe(ref MemoryMarshal.GetReference(output), (nuint)j);
            }
        }
        Reference.QuantizeKernel.Run(input[j..], inverseScale, zeroPoint, output[j..]);
    }

    private static Vector128<int> Codes(Vector128<float> x, Vector128<float> inverseScale, Vector128<float> zeroPoint, Vector128<float> high)
    {
        Vector128<float> code = Vector128.Round(x * inverseScale) + zeroPoint;
        code = Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(code, Vector128<float>.Zero), code, Vector128<float>.Zero);
        code = Vector128.ConditionalSelect(Vector128.GreaterThan(code, high), high, code);
        return Vector128.ConvertToInt32(code);
    }
}
