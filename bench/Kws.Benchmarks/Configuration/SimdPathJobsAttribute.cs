using BenchmarkDotNet.Configs;

namespace Kws.Benchmarks.Configuration;

/// <summary>
/// The suite runs once per SIMD path this machine has, each in its own process with the JIT knobs that force it.
/// Paths the machine lacks are left out rather than silently measured on a narrower path. Knobs are read once at
/// process start, so these jobs cannot run in-process: BenchmarkDotNet builds its boilerplate project for them.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SimdPathJobsAttribute : Attribute, IConfigSource
{
    // In-process instead when this process is already on a path: the smoke run's per-path children (SmokeRun), or a
    // caller that set the knobs and KWS_BENCH_EXPECTED_SIMD itself to time the path with the thread's CPU clock.
    public IConfig Config { get; } = ManualConfig.CreateEmpty().AddJob(SmokeRun.IsActive || SimdPathJob.ExpectedInThisProcess is not null
        ? [MeasurementJobs.InProcess]
        : SimdPathJob.OnThisMachine
            .Select(path => path.ToJob(MeasurementJobs.Measure))
            .ToArray());
}
