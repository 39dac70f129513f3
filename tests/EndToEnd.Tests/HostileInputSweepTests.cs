using System.Collections.Concurrent;
using System.Diagnostics;
using static System.FormattableString;

namespace Kws.EndToEnd.Tests;

/// <summary>
/// No user input gives an internal error (issue #19): every hostile input of the issue, the fuzz targets' hostile seeds
/// and a sample of every committed fuzz corpus (<see cref="HostileSweep"/>) through the published kws and the built
/// kwsc as processes. Each run must exit 0, 1 or 2 (never 70, never a signal), write at most one line on stderr, finish,
/// and stay within <see cref="MemoryBound"/>.
/// </summary>
public sealed class HostileInputSweepTests
{
    /// <summary>
    /// Peak RSS allowed: 3 x the hungriest valid run of the same program (<see cref="HostileSweep.Baselines"/>: about
    /// 10 MB for kws with --manifest, 55 MB for kwsc export, measured in the same test), plus twice the largest input
    /// file the run reads, since a file read whole is held once as bytes and may be copied once. A run that grows with
    /// its input beyond that, or that allocates for what its input claims rather than what it holds, fails.
    /// </summary>
    private static long MemoryBound(SweepCase run, IReadOnlyDictionary<SweepProgram, long> baseline) =>
        3 * baseline[run.Program] + 2 * run.InputBytes;

    private string _scratch = "";

    [OneTimeSetUp]
    public void CreateScratch() => _scratch = Directory.CreateTempSubdirectory("kws-sweep-").FullName;

    [OneTimeTearDown]
    public void DeleteScratch() => Directory.Delete(_scratch, recursive: true);

    [Test]
    public void No_input_gives_an_internal_error_a_signal_more_than_one_error_line_or_unbounded_memory()
    {
        if (!File.Exists("/proc/self/status"))
        {
            Assert.Ignore("this machine has no /proc/<pid>/status to read a process's peak memory from");
        }
        var clock = Stopwatch.StartNew();
        var baseline = new Dictionary<SweepProgram, long>();
        foreach (SweepCase valid in HostileSweep.Baselines())
        {
            ProcessResult result = Run(valid);
            Assert.That(result.ExitCode, Is.Zero, $"{valid}: {result}");
            baseline[valid.Program] = Math.Max(baseline.GetValueOrDefault(valid.Program), result.PeakResidentBytes ?? 0);
        }
        IReadOnlyList<SweepCase> cases = new HostileSweep(_scratch).Cases();
        var results = new ConcurrentBag<(SweepCase Case, ProcessResult? Result, string? Failure)>();
        // Two at a time: the machine may have two cores, and memory is measured per process either way.
        Parallel.ForEach(cases, new ParallelOptions { MaxDegreeOfParallelism = 2 }, run =>
        {
            try
            {
                results.Add((run, Run(run), null));
            }
            catch (TimeoutException e)
            {
                results.Add((run, null, e.Message));
            }
        });

        var failures = new List<string>();
        foreach (var (run, result, timeout) in results.OrderBy(r => r.Case.ToString(), StringComparer.Ordinal))
        {
            if (result is null)
            {
                failures.Add($"{run}: {timeout}");
                continue;
            }
            long bound = MemoryBound(run, baseline);
            if (result.ExitCode is not (0 or 1 or 2))
            {
                failures.Add($"{run}: exit {result.ExitCode}{(result.ExitCode > 128 ? $" (signal {result.ExitCode - 128})" : "")}: {First(result.StandardError)}");
            }
            if (result.ErrorLines.Length > 1)
            {
                failures.Add($"{run}: {result.ErrorLines.Length} lines on stderr: {First(result.StandardError)}");
            }
            if (result.PeakResidentBytes > bound)
            {
                failures.Add(Invariant($"{run}: peak RSS {result.PeakResidentBytes / 1e6:F1} MB, over the {bound / 1e6:F1} MB bound"));
            }
        }
        var hungriest = results.Where(r => r.Result is not null).GroupBy(r => r.Case.Program)
            .Select(g => g.MaxBy(r => r.Result!.PeakResidentBytes ?? 0))
            .Select(r => Invariant($"{r.Case.Program}: at most {(r.Result!.PeakResidentBytes ?? 0) / 1e6:F1} MB ({r.Case}), valid runs up to {baseline[r.Case.Program] / 1e6:F1} MB"));
        TestContext.Out.WriteLine(Invariant($"{cases.Count} runs in {clock.Elapsed.TotalSeconds:F1} s; {string.Join("; ", hungriest)}"));
        TestContext.Out.WriteLine("slowest: " + string.Join("; ", results.Where(r => r.Result is not null).OrderByDescending(r => r.Result!.Elapsed).Take(8)
            .Select(r => Invariant($"{r.Case} {r.Result!.Elapsed.TotalSeconds:F1} s"))));
        TestContext.Out.WriteLine($"exit codes: {string.Join(", ", results.Where(r => r.Result is not null).GroupBy(r => r.Result!.ExitCode).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}"))}");
        Assert.That(failures, Is.Empty, string.Join("\n", failures));
    }

    private static ProcessResult Run(SweepCase run) => run.Program == SweepProgram.Kws
        ? PublishedKws.RunWithInput(run.StandardInput, run.Arguments)
        : BuiltKwsc.RunWithInput(run.StandardInput, run.Arguments);

    private static string First(string text) => text.Split('\n')[0] is { Length: > 300 } line ? line[..300] + "..." : text.Split('\n')[0];
}
