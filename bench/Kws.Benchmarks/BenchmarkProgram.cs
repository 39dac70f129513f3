using BenchmarkDotNet.Running;
using Kws.Benchmarks.Charting;
using Kws.Benchmarks.Configuration;

namespace Kws.Benchmarks;

/// <summary>
/// The program's modes: BenchmarkDotNet's own command line (measure), <c>--ci</c> (every benchmark once, non-zero exit
/// on any failure), <c>--chart &lt;report.csv&gt;</c> (a PNG of latency per engine from an exported report) and
/// <c>--loop</c> (an inference loop to profile).
/// </summary>
public static class BenchmarkProgram
{
    private const string Usage = """
        usage: Kws.Benchmarks [BenchmarkDotNet options, e.g. --filter '*Batch1*']   measure (see docs/benchmarks.md)
               Kws.Benchmarks --ci [BenchmarkDotNet options]                         run every benchmark once; exit 1 on failure
               Kws.Benchmarks --chart <report.csv> [-o <chart.png>] [--suite <Type>] [--title <text>] [--extra "<label>=<µs>"]...
               Kws.Benchmarks --loop <ptq|qat|fp32> <generated|interpreted> <seconds> [wav] inference loop for a profiler (wav: front end too)
        """;

    public static int Run(string[] args)
    {
        try
        {
            if (args.Contains("--help") || args.Contains("-h"))
            {
                Console.WriteLine(Usage);
                return 0;
            }

            return args.FirstOrDefault() switch
            {
                "--chart" => ChartCommand.Run(args[1..]),
                "--loop" => ProfileLoop.Run(args[1..]),
                _ => RunBenchmarks(args),
            };
        }
        catch (Exception e) when (e is FormatException or IOException or ArgumentException or UnauthorizedAccessException
            or InvalidOperationException or Kws.Runtime.Manifest.ManifestException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static int RunBenchmarks(string[] args)
    {
        var smoke = args.Contains("--ci");
        SmokeRun.IsActive = smoke;
        var rest = args.Where(a => a != "--ci").ToArray();
        if (smoke && !rest.Contains("--filter"))
        {
            rest = [.. rest, "--filter", "*"];
        }

        var artifacts = Path.Combine(Environment.CurrentDirectory, "BenchmarkDotNet.Artifacts");
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly)
            .Run(rest, BenchmarkConfig.Create(smoke, artifacts))
            .ToList();
        var ok = RunOutcome.Check(summaries, Console.Error);
        if (smoke && !SmokeRun.IsChild)
        {
            ok &= SmokeRun.RunSimdPathChildren(Console.Out);
        }

        return ok ? 0 : 1;
    }
}
