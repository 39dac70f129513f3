using System.Runtime.InteropServices;
using Perfolizer.Horology;

namespace Kws.Benchmarks.Configuration;

/// <summary>
/// CPU time of the calling thread (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>, nanoseconds) as a
/// BenchmarkDotNet clock. On a shared machine the wall clock also counts the time other processes hold the core (and
/// per-session CPU quotas make <c>nice</c> useless), so it measures the neighbours; the thread's CPU time counts only
/// the cycles the benchmark itself ran. Still not immune: neighbours evict caches and the VM may steal cycles.
/// </summary>
public sealed partial class ThreadCpuClock : IClock
{
    private const int ClockThreadCpuTimeId = 3;

    public static ThreadCpuClock Instance { get; } = new();

    public string Title => "thread CPU time";

    public bool IsAvailable => OperatingSystem.IsLinux() && Read(out _);

    public Frequency Frequency => Frequency.GHz;

    public long GetTimestamp() => Read(out var ns) ? ns : throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");

    private static bool Read(out long nanoseconds)
    {
        var ok = ClockGetTime(ClockThreadCpuTimeId, out var time) == 0;
        nanoseconds = (time.Seconds * 1_000_000_000) + time.Nanoseconds;
        return ok;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clockId, out TimeSpec time);
}
