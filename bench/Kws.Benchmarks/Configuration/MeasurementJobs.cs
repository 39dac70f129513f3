using BenchmarkDotNet.Jobs;
using Perfolizer.Horology;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Kws.Benchmarks.Configuration;

/// <summary>The run characteristics every suite uses, so all engines in one run are measured the same way.</summary>
public static class MeasurementJobs
{
    /// <summary>
    /// One launch, a few warm-up and many short measured iterations (25 ms of calls each): on a shared, noisy machine a
    /// short iteration has a fair chance to run undisturbed, so the minimum approaches the true cost and the median
    /// stays readable, in a second or two per case rather than BenchmarkDotNet's default minutes.
    /// </summary>
    public static Job Measure { get; } = Job.Default
        .WithLaunchCount(1)
        .WithWarmupCount(3)
        .WithIterationCount(30)
        .WithIterationTime(TimeInterval.FromMilliseconds(25));

    /// <summary>
    /// <see cref="Measure"/> inside this process: no per-run build of BenchmarkDotNet's boilerplate project (minutes on
    /// a 2-core machine), which keeps <c>--ci</c> fast. Every engine is single-threaded and allocation-free, so sharing
    /// the process costs the comparison nothing. Timed with the thread's CPU time (<see cref="ThreadCpuClock"/>) where
    /// the OS has it, so that other sessions' load on the shared cores is not counted as ours.
    /// </summary>
    public static Job InProcess { get; } = Measure
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithClock(ThreadCpuClock.Instance.IsAvailable ? ThreadCpuClock.Instance : Chronometer.BestClock)
        .WithId("InProcess");

    /// <summary>CI: every benchmark runs once, just to prove it still builds, sets up and runs.</summary>
    public static Job Smoke { get; } = Job.Dry;
}
