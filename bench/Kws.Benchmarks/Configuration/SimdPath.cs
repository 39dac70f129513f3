using System.Runtime.Intrinsics.X86;
using BenchmarkDotNet.Jobs;

namespace Kws.Benchmarks.Configuration;

/// <summary>
/// One SIMD path of the generated code and the JIT knobs that force it (docs: design.md, "JIT knobs switch paths").
/// The name is the engines' <c>SimdPath</c> string, so a benchmark can check that the knobs really took effect.
/// </summary>
public sealed record SimdPath(string Name, Func<bool> IsAvailableOnThisMachine, params (string Variable, string Value)[] Knobs)
{
    /// <summary>Environment variable that tells a benchmark process which path its job asked for.</summary>
    public const string ExpectedPathVariable = "KWS_BENCH_EXPECTED_SIMD";

    /// <summary>
    /// Every int8 path in the generated code's order of preference: AVX-VNNI first (vpdpbusd beats even 512-bit
    /// vpmaddubsw), then AVX-512BW (forced by turning AVX-VNNI off), AVX2, SSE4.1 ("Vector128"), scalar.
    /// </summary>
    public static IReadOnlyList<SimdPath> All { get; } =
    [
        new("AvxVnni", () => AvxVnni.IsSupported),
        new("Avx512BW", () => Avx512BW.IsSupported, ("DOTNET_EnableAVXVNNI", "0")),
        new("Avx2", () => Avx2.IsSupported, ("DOTNET_EnableAVX512", "0"), ("DOTNET_EnableAVXVNNI", "0")),
        new("Vector128", () => Sse41.IsSupported,
            ("DOTNET_EnableAVX512", "0"), ("DOTNET_EnableAVXVNNI", "0"), ("DOTNET_EnableAVX2", "0")),
        new("Scalar", () => true, ("DOTNET_EnableHWIntrinsic", "0")),
    ];

    /// <summary>The path this process was asked to run, or null outside a SIMD-path job.</summary>
    public static string? ExpectedInThisProcess => Environment.GetEnvironmentVariable(ExpectedPathVariable);

    /// <summary>A job that runs <paramref name="template"/> with this path's knobs set in the benchmark process.</summary>
    public Job ToJob(Job template) => template
        .WithEnvironmentVariables(Knobs
            .Select(k => new EnvironmentVariable(k.Variable, k.Value))
            .Append(new EnvironmentVariable(ExpectedPathVariable, Name))
            .ToArray())
        .WithId(Name);
}
