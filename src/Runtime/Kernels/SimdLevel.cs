using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Kws.Runtime.Kernels;

/// <summary>
/// The instruction sets the vectorized kernels can use, best first. The JIT knobs DOTNET_EnableAVX512=0,
/// DOTNET_EnableAVXVNNI=0, DOTNET_EnableAVX2=0 and DOTNET_EnableHWIntrinsic=0 step down through them.
/// </summary>
public enum SimdLevel
{
    Scalar,
    Vector128,
    Avx2,
    AvxVnni,
    Avx512BW,
}

/// <summary>Which <see cref="SimdLevel"/> this process runs, decided once from the IsSupported checks.</summary>
public static class SimdSupport
{
    public static SimdLevel Best { get; } = Detect();

    /// <summary>Whether this machine and runtime configuration can run <paramref name="level"/>.</summary>
    public static bool IsSupported(SimdLevel level) => level switch
    {
        SimdLevel.Avx512BW => Avx512BW.IsSupported,
        SimdLevel.AvxVnni => AvxVnni.IsSupported,
        SimdLevel.Avx2 => Avx2.IsSupported,
        SimdLevel.Vector128 => Vector128.IsHardwareAccelerated,
        _ => true,
    };

    private static SimdLevel Detect()
    {
        for (SimdLevel level = SimdLevel.Avx512BW; level > SimdLevel.Scalar; level--)
        {
            if (IsSupported(level))
            {
                return level;
            }
        }
        return SimdLevel.Scalar;
    }
}
