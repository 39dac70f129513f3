using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using Kws.Generator.Tests.Harness;
using Kws.Runtime.Manifest;

namespace Kws.Generator.Tests.Parity;

/// <summary>
/// Which SIMD path this process takes, and proof that the JIT knobs .ci/run sets really switch it (checked on
/// .NET 10: DOTNET_EnableAVX512=0 turns off every AVX-512 class, DOTNET_EnableAVX2=0 also turns off AVX-512 and
/// AVX-VNNI, DOTNET_EnableHWIntrinsic=0 leaves only scalar code; DOTNET_EnableAVX512F is no longer read).
/// </summary>
[Category("Parity")]
public class SimdPathTests
{
    [Test]
    public void KnobsTurnOffTheInstructionSetsTheyName()
    {
        TestContext.Out.WriteLine(string.Join(" ", Knobs.Select(k => $"{k}={Environment.GetEnvironmentVariable(k) ?? "-"}")));
        TestContext.Out.WriteLine($"Avx512BW={Avx512BW.IsSupported} AvxVnni={AvxVnni.IsSupported} Avx2={Avx2.IsSupported} " +
            $"Sse41={Sse41.IsSupported} AdvSimd={AdvSimd.IsSupported} Dp={Dp.IsSupported} Vector128={Vector128.IsHardwareAccelerated}");
        using (Assert.EnterMultipleScope())
        {
            if (Off("DOTNET_EnableAVX512")) Assert.That(Avx512BW.IsSupported, Is.False);
            if (Off("DOTNET_EnableAVXVNNI")) Assert.That(AvxVnni.IsSupported, Is.False);
            if (Off("DOTNET_EnableAVX2")) Assert.That(Avx2.IsSupported || Avx512BW.IsSupported || AvxVnni.IsSupported, Is.False);
            if (Off("DOTNET_EnableHWIntrinsic")) Assert.That(Vector128.IsHardwareAccelerated || Sse41.IsSupported || AdvSimd.IsSupported, Is.False);
        }
    }

    [Test]
    public void GeneratedModelsReportThePathTheyTake()
    {
        GeneratorOutcome outcome = GeneratorHarness.Run(
            ("/m/i.kws.json", ManifestWriter.Write(TestModels.TinyInt8())), ("/m/f.kws.json", ManifestWriter.Write(TestModels.TinyFloat())));
        using LoadedModels loaded = GeneratorHarness.CompileAndLoad(outcome);
        string int8 = loaded.Create("TinyInt8").SimdPath;
        string float32 = loaded.Create("TinyFloat").SimdPath;
        TestContext.Out.WriteLine($"int8 path: {int8}; float32 path: {float32}");
        Assert.That(int8, Is.EqualTo(
            AvxVnni.IsSupported ? "AvxVnni" : Avx512BW.IsSupported ? "Avx512BW" : Avx2.IsSupported ? "Avx2"
            : Sse41.IsSupported ? "Sse41" : Dp.IsSupported ? "AdvSimdDp" : AdvSimd.Arm64.IsSupported ? "AdvSimd" : "Scalar"));
        Assert.That(float32, Is.EqualTo(
            Avx512BW.IsSupported ? "Avx512BW" : Avx2.IsSupported ? "Avx2" : Sse41.IsSupported ? "Sse41" : AdvSimd.Arm64.IsSupported ? "AdvSimd" : "Scalar"));
    }

    private static readonly string[] Knobs =
        ["DOTNET_EnableAVX512", "DOTNET_EnableAVXVNNI", "DOTNET_EnableAVX2", "DOTNET_EnableHWIntrinsic"];

    private static bool Off(string knob) => Environment.GetEnvironmentVariable(knob) == "0";
}
