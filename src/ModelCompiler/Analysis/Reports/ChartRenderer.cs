using Kws.Compiler.Analysis.Collectors;
using ScottPlot;

namespace Kws.Compiler.Analysis.Reports;

/// <summary>
/// Draws the report's plots with ScottPlot (Skia underneath) and returns them as PNG bytes. Each method is one kind of
/// chart; sizes are fixed so the HTML grid lays them out evenly.
/// </summary>
public static class ChartRenderer
{
    /// <summary>One named series of values, one per category.</summary>
    public sealed record Series(string Name, IReadOnlyList<double> Values);

    /// <summary>A vertical marker on a histogram, e.g. the edge of a quantization range, coloured like series <paramref name="SeriesIndex"/>; an empty name stays out of the legend.</summary>
    public sealed record Marker(string Name, double X, int SeriesIndex);

    private static readonly IPalette Palette = new ScottPlot.Palettes.Category10();

    /// <summary>
    /// Bars grouped by category (layers, blocks), one colour per series (models), legend on the right. Values are printed
    /// on the bars when <paramref name="valueFormat"/> is given; <paramref name="logScale"/> draws log10 of positive values
    /// upward from the smallest decade, with ticks labelled as powers of ten.
    /// </summary>
    public static byte[] GroupedBars(string title, string yLabel, IReadOnlyList<string> categories, IReadOnlyList<Series> series,
        string? valueFormat = "0.0", bool logScale = false, int width = 1100, int height = 420)
    {
        var plot = new Plot();
        double groupWidth = 0.8, barWidth = groupWidth / series.Count;
        double Scale(double v) => logScale ? Math.Log10(Math.Max(v, 1e-30)) : v;
        double floor = logScale ? Math.Floor(series.SelectMany(s => s.Values).Where(v => v > 0).Select(Scale).DefaultIfEmpty(0).Min()) : 0;
        for (int s = 0; s < series.Count; s++)
        {
            var bars = new List<Bar>();
            for (int c = 0; c < categories.Count; c++)
            {
                double value = series[s].Values[c];
                bars.Add(new Bar
                {
                    Position = c - groupWidth / 2 + barWidth * (s + 0.5),
                    Value = double.IsFinite(value) ? Scale(value) : floor,
                    ValueBase = floor,
                    Size = barWidth * 0.92,
                    FillColor = Palette.GetColor(s),
                    LineWidth = 0,
                    Label = valueFormat is null ? "" : double.IsFinite(value) ? value.ToString(valueFormat, System.Globalization.CultureInfo.InvariantCulture) : "∞",
                });
            }
            var plottable = plot.Add.Bars(bars);
            plottable.LegendText = series[s].Name;
            plottable.ValueLabelStyle.FontSize = series.Count * categories.Count > 24 ? 9 : 11;
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, categories.Count).Select(i => (double)i).ToArray(), categories.ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        if (logScale)
        {
            plot.Axes.Left.TickGenerator = PowerOfTenTicks(floor, series.SelectMany(s => s.Values).Select(Scale).Max());
        }
        plot.Axes.Margins(bottom: 0, top: 0.15);
        Decorate(plot, title, "", yLabel);
        plot.ShowLegend(Edge.Right);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>A histogram drawn as touching bars, optionally on a log count axis, with vertical markers.</summary>
    public static byte[] HistogramChart(string title, string xLabel, Histogram histogram, bool logCounts,
        IReadOnlyList<Marker>? markers = null, int width = 560, int height = 320)
    {
        var plot = new Plot();
        var bars = new List<Bar>();
        for (int i = 0; i < histogram.Counts.Length; i++)
        {
            long count = histogram.Counts[i];
            bars.Add(new Bar
            {
                Position = histogram.Center(i),
                Value = logCounts ? Math.Log10(count + 1) : count,
                Size = histogram.BinWidth,
                FillColor = Colors.Gray.WithAlpha(0.8),
                LineWidth = 0,
            });
        }
        plot.Add.Bars(bars);
        foreach (Marker marker in markers ?? [])
        {
            var line = plot.Add.VerticalLine(marker.X, 2, Palette.GetColor(marker.SeriesIndex), LinePattern.Dashed);
            if (marker.Name.Length > 0)
            {
                line.LegendText = marker.Name;
            }
        }
        if (logCounts)
        {
            plot.Axes.Left.TickGenerator = LogCountTicks();
        }
        plot.Axes.Margins(bottom: 0);
        Decorate(plot, title, xLabel, logCounts ? "count (log)" : "count");
        if (markers is { Count: > 0 })
        {
            plot.ShowLegend(Alignment.UpperRight);
        }
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>One bar per channel, e.g. the share of the int8 range each output channel uses.</summary>
    public static byte[] ChannelBars(string title, string yLabel, IReadOnlyList<double> values, double? yMax = null,
        int width = 560, int height = 280)
    {
        var plot = new Plot();
        var bars = plot.Add.Bars(values.ToArray());
        bars.Color = Colors.SeaGreen;
        foreach (Bar bar in bars.Bars)
        {
            bar.LineWidth = 0;
        }
        plot.Axes.Margins(bottom: 0);
        if (yMax is double max)
        {
            plot.Axes.SetLimitsY(0, max);
        }
        Decorate(plot, title, "output channel", yLabel);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>
    /// A confusion matrix as a heatmap, rows normalised to the share of each true label (so rare labels read as clearly as
    /// common ones); the diagonal is what the model got right.
    /// </summary>
    public static byte[] ConfusionMatrix(string title, IReadOnlyList<string> labels, int[][] counts, int size = 760)
    {
        int n = labels.Count;
        var shares = new double[n, n];
        for (int t = 0; t < n; t++)
        {
            double total = counts[t].Sum();
            for (int p = 0; p < n; p++)
            {
                // Row 0 is drawn at the top: true labels read top to bottom in label order.
                shares[t, p] = total == 0 ? double.NaN : counts[t][p] / total;
            }
        }
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(shares);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        heatmap.NaNCellColor = Colors.White;
        var colorBar = plot.Add.ColorBar(heatmap);
        colorBar.Label = "share";
        colorBar.LabelStyle.FontSize = 12;
        double[] positions = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, labels.ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = -90;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        plot.Axes.Bottom.MinimumSize = 90;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 10;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            positions.Select(p => n - 1 - p).ToArray(), labels.ToArray());
        plot.Axes.Left.TickLabelStyle.FontSize = 10;
        plot.Axes.Margins(0, 0);
        Decorate(plot, title, "predicted", "true label");
        return plot.GetImageBytes(size + 80, size, ImageFormat.Png);
    }

    private static ScottPlot.TickGenerators.NumericManual LogCountTicks()
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int exponent = 0; exponent <= 9; exponent++)
        {
            ticks.AddMajor(Math.Log10(Math.Pow(10, exponent) + 1), exponent == 0 ? "1" : $"1e{exponent}");
        }
        return ticks;
    }

    private static ScottPlot.TickGenerators.NumericManual PowerOfTenTicks(double lowest, double highest)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        int first = (int)Math.Floor(lowest), last = (int)Math.Ceiling(highest);
        for (int exponent = first; exponent <= last; exponent++)
        {
            ticks.AddMajor(exponent, $"1e{exponent}");
            // Over a few decades, 2x and 5x ticks keep bars readable against the axis.
            if (last - first <= 3 && exponent < last)
            {
                ticks.AddMajor(exponent + Math.Log10(2), $"2e{exponent}");
                ticks.AddMajor(exponent + Math.Log10(5), $"5e{exponent}");
            }
        }
        return ticks;
    }

    private static void Decorate(Plot plot, string title, string xLabel, string yLabel)
    {
        plot.Title(title, size: 15);
        plot.XLabel(xLabel, size: 13);
        plot.YLabel(yLabel, size: 13);
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
    }
}
