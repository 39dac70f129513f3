using System.Globalization;

namespace Kws.Benchmarks.Charting;

/// <summary>
/// One benchmark's latency in microseconds, as BenchmarkDotNet exported it, or measured outside it (<see cref="IsExternal"/>,
/// e.g. PyTorch's own timing script) and drawn apart.
/// </summary>
public sealed record LatencyRow(string Label, double MedianMicroseconds, double MinMicroseconds, bool IsExternal = false)
{
    /// <summary>
    /// Reads the rows of a BenchmarkDotNet CSV report. Labels are the method names, prefixed by the suite (Type) only
    /// where two suites share a method name, and suffixed by the job where one method ran in several jobs.
    /// </summary>
    public static IReadOnlyList<LatencyRow> FromBenchmarkCsv(CsvTable table, string? suite = null)
    {
        if (suite is not null)
        {
            var typeColumn = table.FindColumn(name => name == "Type");
            var kept = table.Rows.Where(r => typeColumn < 0 || r[typeColumn] == suite).ToList();
            table = kept.Count > 0 ? table.WithRows(kept) : throw new FormatException($"the report has no rows of suite '{suite}'");
        }

        var method = Required(table, "Method", name => name == "Method");
        var median = Required(table, "Median", name => IsStatistic(name, "Median"));
        var min = Required(table, "Min", name => IsStatistic(name, "Min"));
        var type = table.FindColumn(name => name == "Type");
        var job = table.FindColumn(name => name == "Job");

        // Benchmarks with a Description are exported quoted: 'ONNX Runtime FP32'.
        var labels = table.Rows.Select(r => r[method].Trim('\'')).ToList();
        if (type >= 0 && labels.Distinct().Count() < labels.Count)
        {
            labels = table.Rows.Select(r => $"{r[type]}.{r[method]}").ToList();
        }

        if (job >= 0 && labels.Distinct().Count() < labels.Count)
        {
            labels = labels.Select((label, i) => $"{label} ({table.Rows[i][job]})").ToList();
        }

        var medianScale = MicrosecondsPer(table.Header[median]);
        var minScale = MicrosecondsPer(table.Header[min]);
        return table.Rows
            .Select((r, i) => new LatencyRow(labels[i], Number(r[median], labels[i]) * medianScale, Number(r[min], labels[i]) * minScale))
            .ToList();
    }

    // "Min [us]" is the statistic; "MinInvokeCount" and the like are job settings.
    private static bool IsStatistic(string header, string statistic) =>
        header == statistic || header.StartsWith(statistic + " [", StringComparison.Ordinal);

    private static int Required(CsvTable table, string what, Func<string, bool> match)
    {
        var index = table.FindColumn(match);
        return index >= 0
            ? index
            : throw new FormatException($"not a BenchmarkDotNet report: no '{what}' column (export with units in the header)");
    }

    // BenchmarkDotNet names the unit in the header when configured so: "Median [μs]" (or "[us]", "[ns]", "[ms]").
    private static double MicrosecondsPer(string header)
    {
        var open = header.IndexOf('[', StringComparison.Ordinal);
        var unit = open < 0 ? "" : header[(open + 1)..].TrimEnd(']').Trim();
        return unit switch
        {
            "ns" => 1e-3,
            "μs" or "µs" or "us" => 1,
            "ms" => 1e3,
            "s" => 1e6,
            _ => throw new FormatException(
                $"column '{header}' has no time unit in its header; export with printUnitsInHeader and no units in the cells"),
        };
    }

    private static double Number(string cell, string label) =>
        double.TryParse(cell.Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"benchmark '{label}' has no result ('{cell}'): did it fail?");
}
