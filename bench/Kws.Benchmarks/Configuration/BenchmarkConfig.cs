using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Order;
using BenchmarkDotNet.Reports;
using Perfolizer.Horology;
using Perfolizer.Metrology;

namespace Kws.Benchmarks.Configuration;

/// <summary>
/// The configuration every run shares: allocation measurement, the columns the report needs (median and minimum, since
/// the machine is shared and noisy), and machine-readable exports the chart and docs/benchmarks.md are made from.
/// Jobs come from each suite (<see cref="MeasuredJobAttribute"/>, <see cref="SimdPathJobsAttribute"/>).
/// </summary>
public static class BenchmarkConfig
{
    /// <summary>CSV with plain numbers (microseconds, bytes) and units in the header, which <c>--chart</c> reads.</summary>
    public static CsvExporter CsvInMicroseconds { get; } = new(
        CsvSeparator.Comma,
        new SummaryStyle(CultureInfo.InvariantCulture, printUnitsInHeader: true, SizeUnit.B, TimeUnit.Microsecond,
            printUnitsInContent: false));

    public static IConfig Create(bool smoke, string artifactsPath)
    {
        var config = ManualConfig.CreateEmpty()
            .AddLogger(DefaultConfig.Instance.GetLoggers().ToArray())
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddColumn(StatisticColumn.Median, StatisticColumn.Min)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddFilter(RequiresModelFileAttribute.AvailableOnly(Console.Out))
            .HideColumns("EnvironmentVariables", "Toolchain", "Error", "RatioSD", "Alloc Ratio")
            .AddExporter(CsvInMicroseconds, JsonExporter.Full, MarkdownExporter.GitHub)
            .AddAnalyser(DefaultConfig.Instance.GetAnalysers().ToArray())
            .AddValidator(DefaultConfig.Instance.GetValidators().ToArray())
            .WithSummaryStyle(SummaryStyle.Default.WithTimeUnit(TimeUnit.Microsecond))
            .WithArtifactsPath(artifactsPath)
            .WithOrderer(new DefaultOrderer(SummaryOrderPolicy.Declared, MethodOrderPolicy.Declared))
            .WithOptions(ConfigOptions.JoinSummary)
            // One table for the whole run, but each suite (category) and each SIMD job keeps its own baseline.
            .AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByJob)
            // The out-of-process SIMD jobs rebuild the benchmarks, generator included; on 2 busy cores that can take minutes.
            .WithBuildTimeout(TimeSpan.FromMinutes(15));
        // Smoke mode keeps each suite's jobs (and so the SIMD knobs) but runs every case once.
        return smoke ? config.AddJob(MeasurementJobs.Smoke.AsMutator()) : config;
    }
}
