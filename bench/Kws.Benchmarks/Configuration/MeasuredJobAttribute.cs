using BenchmarkDotNet.Configs;

namespace Kws.Benchmarks.Configuration;

/// <summary>The suite runs once, on the machine's default SIMD path, in this process (<see cref="MeasurementJobs.InProcess"/>).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class MeasuredJobAttribute : Attribute, IConfigSource
{
    public IConfig Config { get; } = ManualConfig.CreateEmpty().AddJob(MeasurementJobs.InProcess);
}
