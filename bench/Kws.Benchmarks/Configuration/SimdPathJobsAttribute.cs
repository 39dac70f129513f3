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
    public IConfig Config { get; } = ManualConfig.CreateEmpty().AddJob(SmokeRun.IsActive
        ? [MeasurementJobs.InProcess] // the smoke run covers the paths with child processes instead (SmokeRun)
        : SimdPath.All
            .Where(path => path.IsAvailableOnThisMachine())
            .Select(path => path.ToJob(MeasurementJobs.Measure))
            .ToArray());
}
