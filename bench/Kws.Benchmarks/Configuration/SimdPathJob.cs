using BenchmarkDotNet.Jobs;
using Kws.Runtime.Simd;

namespace Kws.Benchmarks.Configuration;

/// <summary>
/// One SIMD path of the shared vocabulary (<see cref="SimdPath"/>) as a benchmark job: the path's JIT knobs set in the
/// benchmark process, and the path's name passed along so a benchmark can check that the knobs really took effect
/// (the engines report the same names).
/// </summary>
public sealed record SimdPathJob(SimdPath Path)
{
    /// <summary>Environment variable that tells a benchmark process which path its job asked for.</summary>
    public const string ExpectedPathVariable = "KWS_BENCH_EXPECTED_SIMD";

    /// <summary>Every path this machine can run (with knobs turning the better ones off), in the int8 order of preference.</summary>
    public static IReadOnlyList<SimdPathJob> OnThisMachine { get; } =
        SimdPath.Int8Preference.Where(SimdSupport.IsSupported).Select(path => new SimdPathJob(path)).ToArray();

    public string Name => Path.Name;

    /// <summary>The knobs as (variable, value) pairs.</summary>
    public IEnumerable<(string Variable, string Value)> Knobs =>
        Path.JitKnobs.Select(knob => knob.Split('=')).Select(parts => (parts[0], parts[1]));

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
