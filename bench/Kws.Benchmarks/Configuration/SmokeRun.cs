using System.Diagnostics;

namespace Kws.Benchmarks.Configuration;

/// <summary>
/// The CI smoke run (<c>--ci</c>): every benchmark once, in this process, so nothing waits for BenchmarkDotNet to build
/// its boilerplate project (minutes on two busy cores). The SIMD-path suite still runs once per path, each in a child
/// process of this program started with that path's JIT knobs, which is what the out-of-process jobs do in a full run.
/// </summary>
public static class SmokeRun
{
    private const string ChildVariable = "KWS_BENCH_SMOKE_CHILD";

    /// <summary>True in a <c>--ci</c> run, set before BenchmarkDotNet reads the suites' job attributes.</summary>
    public static bool IsActive { get; set; }

    /// <summary>True in one of the per-path children this run started.</summary>
    public static bool IsChild => Environment.GetEnvironmentVariable(ChildVariable) == "1";

    /// <summary>Runs the SIMD-path suite in one child per path this machine has; false if any child failed.</summary>
    public static bool RunSimdPathChildren(TextWriter log)
    {
        var ok = true;
        foreach (var path in SimdPathJob.OnThisMachine)
        {
            var start = SelfStartInfo("--ci", "--filter", "*SimdPathLatency*");
            start.Environment[ChildVariable] = "1";
            start.Environment[SimdPathJob.ExpectedPathVariable] = path.Name;
            foreach (var (variable, value) in path.Knobs)
            {
                start.Environment[variable] = value;
            }

            using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start the benchmark child process");
            var output = child.StandardOutput.ReadToEndAsync();
            var errors = child.StandardError.ReadToEnd();
            child.WaitForExit();
            var passed = child.ExitCode == 0;
            log.WriteLine($"SIMD path {path.Name}: {(passed ? "ok" : $"FAILED (exit {child.ExitCode})")}");
            if (!passed)
            {
                log.WriteLine(output.Result);
                log.WriteLine(errors);
            }

            ok &= passed;
        }

        return ok;
    }

    // This program again: "dotnet Kws.Benchmarks.dll ..." under the dotnet host, or the apphost directly.
    private static ProcessStartInfo SelfStartInfo(params string[] args)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which executable is running");
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(SmokeRun).Assembly.Location);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }
}
