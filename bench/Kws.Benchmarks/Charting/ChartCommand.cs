using System.Globalization;

namespace Kws.Benchmarks.Charting;

/// <summary>
/// <c>--chart &lt;report.csv&gt; [-o chart.png] [--suite Type] [--title text] [--extra "label=µs"]...</c>: the latency chart.
/// </summary>
public static class ChartCommand
{
    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            throw new ArgumentException("--chart needs the path of a BenchmarkDotNet CSV report (*-report.csv)");
        }

        var csvPath = args[0];
        var output = Path.ChangeExtension(csvPath, ".png");
        var title = "Latency per engine, batch 1";
        string? suite = null;
        var extras = new List<LatencyRow>();
        for (var i = 1; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "-o":
                    output = value;
                    break;
                case "--title":
                    title = value;
                    break;
                case "--suite":
                    suite = value;
                    break;
                case "--extra":
                    extras.Add(ExtraRow(value));
                    break;
                default:
                    throw new ArgumentException($"unknown option for --chart: {args[i]}");
            }
        }

        var rows = LatencyRow.FromBenchmarkCsv(CsvTable.Parse(File.ReadAllText(csvPath)), suite).Concat(extras).ToList();
        LatencyChart.Save(rows, title, output);
        Console.WriteLine($"wrote {output} ({rows.Count} bars)");
        return 0;
    }

    // A figure measured outside BenchmarkDotNet (e.g. PyTorch's timing script), given as "label=median" or "label=median/min".
    private static LatencyRow ExtraRow(string spec)
    {
        var equals = spec.LastIndexOf('=');
        var numbers = equals > 0 ? spec[(equals + 1)..].Split('/') : [];
        if (numbers.Length is < 1 or > 2 || !numbers.All(n => double.TryParse(n, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            throw new ArgumentException($"--extra expects \"label=median\" or \"label=median/min\" in µs, got \"{spec}\"");
        }

        var median = double.Parse(numbers[0], CultureInfo.InvariantCulture);
        var min = numbers.Length == 2 ? double.Parse(numbers[1], CultureInfo.InvariantCulture) : median;
        return new LatencyRow(spec[..equals], median, min, IsExternal: true);
    }
}
