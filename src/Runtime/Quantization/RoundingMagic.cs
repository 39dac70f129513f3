using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Kws.Runtime.Quantization;

/// <summary>
/// Round half to even and convert to int32 in two cheap operations, for floats already clamped to a small range:
/// adding 1.5 * 2^23 to a float x with |x| &lt;= 2^22 gives a sum in [2^23, 2^24), where the spacing of floats is exactly
/// 1, so the addition itself rounds x to the nearest integer, ties to even (the default rounding mode of every
/// platform .NET runs on); that sum's bit pattern is 0x4B400000 + round(x). One add and one integer subtract replace
/// round + convert (vroundps alone is two micro-ops on x64), with the same bits. Used by the vector forms of
/// <see cref="Requantizer"/> and <see cref="Quantizer"/>, whose inputs are clamped to [-255, 255] first.
/// </summary>
internal static class RoundingMagic
{
    /// <summary>1.5 * 2^23: the float whose neighbours are whole numbers apart and which absorbs a sign either way.</summary>
    public const float Magic = 12582912f;

    /// <summary>The bit pattern of <see cref="Magic"/>.</summary>
    public const int MagicBits = 0x4B400000;

    /// <summary>round_half_even(x) + addend for |x| &lt;= 2^22 (the caller clamps first).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> RoundPlus(Vector128<float> x, int addend) =>
        (x + Vector128.Create(Magic)).AsInt32() - Vector128.Create(MagicBits - addend);

    /// <summary>round_half_even(x) + addend for |x| &lt;= 2^22 (the caller clamps first).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> RoundPlus(Vector256<float> x, int addend) =>
        (x + Vector256.Create(Magic)).AsInt32() - Vector256.Create(MagicBits - addend);

    /// <summary>round_half_even(x) + addend for |x| &lt;= 2^22 (the caller clamps first).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> RoundPlus(Vector512<float> x, int addend) =>
        (x + Vector512.Create(Magic)).AsInt32() - Vector512.Create(MagicBits - addend);
}
