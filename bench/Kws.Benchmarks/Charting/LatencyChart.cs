using System.Globalization;
using ScottPlot;

namespace Kws.Benchmarks.Charting;

/// <summary>
/// A horizontal bar chart of latency per engine: the median as a bar, the minimum as a tick over it, each bar labelled
/// with its median, fastest at the top; figures measured outside BenchmarkDotNet in grey. Rendered with ScottPlot to PNG.
/// </summary>
public static class LatencyChart
{
    public static void Save(IReadOnlyList<LatencyRow> rows, string title, string pngPath)
    {
        if (rows.Count == 0)
        {
            throw new ArgumentException("nothing to chart: the report has no rows", nameof(rows));
        }

        var ordered = rows.OrderByDescending(r => r.MedianMicroseconds).ToList();
        var plot = new Plot();
        var bars = ordered.Select((row, i) => new Bar
        {
            Position = i,
            Value = row.MedianMicroseconds,
            Label = row.MedianMicroseconds.ToString("0.0", CultureInfo.InvariantCulture) + " µs",
            FillColor = row.IsExternal ? Colors.Gray : Colors.SteelBlue,
        }).ToList();
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        barPlot.ValueLabelStyle.FontSize = 12;

        var minima = plot.Add.Markers(
            ordered.Select(r => r.MinMicroseconds).ToArray(),
            Enumerable.Range(0, ordered.Count).Select(i => (double)i).ToArray(),
            MarkerShape.VerticalBar, size: 14, color: Colors.DarkOrange);
        minima.LegendText = "minimum";
        barPlot.LegendText = "median";

        plot.Axes.Left.SetTicks(
            Enumerable.Range(0, ordered.Count).Select(i => (double)i).ToArray(),
            ordered.Select(r => r.Label).ToArray());
        plot.Axes.Margins(left: 0, right: 0.15, bottom: 0.02, top: 0.02);
        plot.Title(title);
        plot.XLabel("latency per clip (µs), one thread");
        plot.ShowLegend(Alignment.UpperRight);

        var directory = Path.GetDirectoryName(Path.GetFullPath(pngPath));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        plot.SavePng(pngPath, 1100, 120 + (44 * ordered.Count));
    }
}
