using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Kws.Runtime.Kernels;
using Kws.Runtime.Quantization;

namespace Kws.Runtime.Layers;

public static partial class QuantizeKernel
{
    /// <summary>Bit-identical to <see cref="RunReference"/>: <see cref="Quantizer"/>'s vector rule, sixteen values per step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunVectorized(ReadOnlySpan<float> input, float inverseScale, int zeroPoint, Span<byte> output)
    {
        int n = input.Length, j = 0;
        if (output.Length < n)
        {
            throw new ArgumentException("the output is shorter than the input", nameof(output));
        }
        if (Vector128.IsHardwareAccelerated)
        {
            ref float x = ref MemoryMarshal.GetReference(input);
            ref byte y = ref MemoryMarshal.GetReference(output);
            for (; j <= n - 16; j += 16)
            {
                Vector128<int> a = Quantizer.Quantize(Vector128.LoadUnsafe(ref x, (nuint)j), inverseScale, zeroPoint);
                Vector128<int> b = Quantizer.Quantize(Vector128.LoadUnsafe(ref x, (nuint)(j + 4)), inverseScale, zeroPoint);
                Vector128<int> c = Quantizer.Quantize(Vector128.LoadUnsafe(ref x, (nuint)(j + 8)), inverseScale, zeroPoint);
                Vector128<int> d = Quantizer.Quantize(Vector128.LoadUnsafe(ref x, (nuint)(j + 12)), inverseScale, zeroPoint);
                CodeNarrowing.ToBytes(a, b, c, d).StoreUnsafe(ref y, (nuint)j);
            }
        }
        RunReference(input[j..], inverseScale, zeroPoint, output[j..]);
    }
}
