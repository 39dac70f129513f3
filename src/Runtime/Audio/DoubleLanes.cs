using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Kws.Runtime.Audio;

/// <summary>
/// The operations <see cref="PolyphaseKernel"/> needs on one width of vector of doubles (<typeparamref name="TVector"/>),
/// so the kernel is written once and the JIT specialises it per width. <see cref="MultiplyAdd"/> may fuse: the kernel
/// multiplies a float32 tap by a float32 sample, whose product (at most 48 significant bits) is exact in double, so a
/// fused multiply-add rounds exactly as a multiply then an add does, and every width gives the scalar loop's bits.
/// </summary>
internal interface IDoubleLanes<TVector> where TVector : struct
{
    static abstract int Count { get; }
    static abstract TVector Broadcast(double value);
    static abstract TVector Load(ref double source);

    /// <summary>sum + tap * x.</summary>
    static abstract TVector MultiplyAdd(TVector sum, TVector tap, TVector x);

    /// <summary>Each lane rounded to float32 and stored at <c>destination[lane * stride]</c>.</summary>
    static abstract void Store(TVector sums, ref float destination, int stride);
}

internal readonly struct Lanes512 : IDoubleLanes<Vector512<double>>
{
    public static int Count => Vector512<double>.Count;
    public static Vector512<double> Broadcast(double value) => Vector512.Create(value);
    public static Vector512<double> Load(ref double source) => Vector512.LoadUnsafe(ref source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> MultiplyAdd(Vector512<double> sum, Vector512<double> tap, Vector512<double> x) =>
        Vector512.FusedMultiplyAdd(tap, x, sum);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<double> sums, ref float destination, int stride)
    {
        if (stride == 1)
        {
            Vector256.StoreUnsafe(Vector512.Narrow(sums, sums).GetLower(), ref destination);
            return;
        }
        for (int lane = 0; lane < Count; lane++)
        {
            Unsafe.Add(ref destination, lane * stride) = (float)sums.GetElement(lane);
        }
    }
}

internal readonly struct Lanes256 : IDoubleLanes<Vector256<double>>
{
    public static int Count => Vector256<double>.Count;
    public static Vector256<double> Broadcast(double value) => Vector256.Create(value);
    public static Vector256<double> Load(ref double source) => Vector256.LoadUnsafe(ref source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> MultiplyAdd(Vector256<double> sum, Vector256<double> tap, Vector256<double> x) =>
        Fma.IsSupported ? Vector256.FusedMultiplyAdd(tap, x, sum) : sum + tap * x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<double> sums, ref float destination, int stride)
    {
        if (stride == 1)
        {
            Vector128.StoreUnsafe(Vector256.Narrow(sums, sums).GetLower(), ref destination);
            return;
        }
        for (int lane = 0; lane < Count; lane++)
        {
            Unsafe.Add(ref destination, lane * stride) = (float)sums.GetElement(lane);
        }
    }
}

internal readonly struct Lanes128 : IDoubleLanes<Vector128<double>>
{
    public static int Count => Vector128<double>.Count;
    public static Vector128<double> Broadcast(double value) => Vector128.Create(value);
    public static Vector128<double> Load(ref double source) => Vector128.LoadUnsafe(ref source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> MultiplyAdd(Vector128<double> sum, Vector128<double> tap, Vector128<double> x) =>
        Fma.IsSupported || AdvSimd.Arm64.IsSupported ? Vector128.FusedMultiplyAdd(tap, x, sum) : sum + tap * x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<double> sums, ref float destination, int stride)
    {
        Unsafe.Add(ref destination, 0) = (float)sums.GetElement(0);
        Unsafe.Add(ref destination, stride) = (float)sums.GetElement(1);
    }
}
