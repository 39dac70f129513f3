using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Kws.Runtime.Simd;

/// <summary>
/// Which <see cref="SimdPath"/>s this process can run, from the runtime's IsSupported checks (which the JIT knobs
/// DOTNET_EnableAVX512=0, DOTNET_EnableAVXVNNI=0, DOTNET_EnableAVX2=0 and DOTNET_EnableHWIntrinsic=0 turn off, and
/// which Native AOT fixes at publish time).
/// </summary>
public static class SimdSupport
{
    /// <summary>The int8 path this process takes: the first supported one of <see cref="SimdPath.Int8Preference"/>.</summary>
    public static SimdPath BestInt8 { get; } = Best(SimdPath.Int8Preference);

    /// <summary>The float32 path this process takes: the first supported one of <see cref="SimdPath.FloatPreference"/>.</summary>
    public static SimdPath BestFloat { get; } = Best(SimdPath.FloatPreference);

    /// <summary>Whether this machine and runtime configuration can run <paramref name="path"/>.</summary>
    public static bool IsSupported(SimdPath path)
    {
        // The one place the vocabulary meets the hardware checks; SimdPath.IsSupportedExpression says the same in C# text.
        if (path == SimdPath.AvxVnni) return AvxVnni.IsSupported;
        if (path == SimdPath.Avx512BW) return Avx512BW.IsSupported;
        if (path == SimdPath.Avx2) return Avx2.IsSupported;
        if (path == SimdPath.Sse41) return Sse41.IsSupported;
        if (path == SimdPath.AdvSimdDp) return Dp.IsSupported;
        if (path == SimdPath.AdvSimd) return AdvSimd.Arm64.IsSupported;
        return path == SimdPath.Scalar;
    }

    /// <summary>The first path of <paramref name="preference"/> this process can run (scalar always can).</summary>
    public static SimdPath Best(IReadOnlyList<SimdPath> preference)
    {
        foreach (SimdPath path in preference)
        {
            if (IsSupported(path))
            {
                return path;
            }
        }
        return SimdPath.Scalar;
    }

    /// <summary>True when this process runs 128-bit vectors at all (SSE4.1 on x64, AdvSimd on ARM64).</summary>
    public static bool HasVector128 => Vector128.IsHardwareAccelerated;
}
