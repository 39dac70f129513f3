using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Kws.Runtime.Kernels;

/// <summary>
/// Vectors of int32 codes already in [0, 255] packed into bytes, in lane order: the last step of every requantizing
/// or quantizing kernel, shared by the interpreter and the generated code.
/// </summary>
public static class CodeNarrowing
{
    /// <summary>Four vectors of codes as one vector of bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> ToBytes(Vector256<int> a, Vector256<int> b, Vector256<int> c, Vector256<int> d) =>
        Vector256.Narrow(Vector256.Narrow(a, b).AsUInt16(), Vector256.Narrow(c, d).AsUInt16());

    /// <summary>Four vectors of codes as one vector of bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> ToBytes(Vector128<int> a, Vector128<int> b, Vector128<int> c, Vector128<int> d) =>
        Vector128.Narrow(Vector128.Narrow(a, b).AsUInt16(), Vector128.Narrow(c, d).AsUInt16());

    /// <summary>Two vectors of codes as sixteen bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> ToBytes(Vector256<int> a, Vector256<int> b)
    {
        Vector256<ushort> words = Vector256.Narrow(a, b).AsUInt16();
        return Vector256.Narrow(words, words).GetLower();
    }

    /// <summary>Sixteen codes as sixteen bytes (vpmovdb: only where AVX-512 runs, as every Vector512 path does).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> ToBytes(Vector512<int> codes) => Avx512F.ConvertToVector128Byte(codes);

    /// <summary>Eight codes as eight bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ToBytes(Vector256<int> codes)
    {
        Vector256<ushort> words = Vector256.Narrow(codes, codes).AsUInt16();
        return Vector256.Narrow(words, words).AsUInt64().ToScalar();
    }

    /// <summary>Four codes as four bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ToBytes(Vector128<int> codes)
    {
        Vector128<ushort> words = Vector128.Narrow(codes, codes).AsUInt16();
        return Vector128.Narrow(words, words).AsUInt32().ToScalar();
    }
}
