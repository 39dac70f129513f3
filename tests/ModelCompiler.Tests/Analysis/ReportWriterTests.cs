using System.Text.Json;
using System.Text.RegularExpressions;
using Kws.Compiler.Analysis;
using Kws.Compiler.Analysis.Collectors;
using Kws.Compiler.Analysis.Reports;

namespace Kws.Compiler.Tests.Analysis;

public sealed partial class ReportWriterTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [GeneratedRegex("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"")]
    private static partial Regex EmbeddedPng();

    [Test]
    public void Report_is_one_self_contained_page_with_every_chart_embedded()
    {
        AnalysisResult result = SyntheticAnalysis.Create();
        string directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "analysis-synthetic");

        string reportPath = ReportDirectoryWriter.Write(result, directory);

        string html = File.ReadAllText(reportPath);
        string[] pngs = Directory.GetFiles(Path.Combine(directory, "images"), "*.png");
        MatchCollection embedded = EmbeddedPng().Matches(html);
        Assert.Multiple(() =>
        {
            // 3 layer-error charts, 1 sensitivity, 5 FP32 weight + 2 x 5 x 2 int8, 11 activation tensors, 3 confusion.
            Assert.That(pngs, Has.Length.EqualTo(3 + 1 + 5 + 20 + 11 + 3));
            Assert.That(embedded, Has.Count.EqualTo(pngs.Length));
            Assert.That(embedded.Select(m => Convert.FromBase64String(m.Groups[1].Value)[..8]), Has.All.EqualTo(PngSignature));
            Assert.That(html, Does.Not.Contain("src=\"http").And.Not.Contain("<script"), "no external resources, no scripts");
            Assert.That(html, Does.Contain("<td>conv3</td>"), "the per-layer tables");
            Assert.That(html, Does.Contain("quantizing fc1 alone costs the most"), "findings name the costliest block");
        });
    }

    [Test]
    public void Json_holds_every_layer_metric_and_writes_infinite_sqnr_as_a_literal()
    {
        AnalysisResult result = SyntheticAnalysis.Create();
        ErrorMetrics identical = new(10, 0, 0, 1, double.PositiveInfinity, 0, 0);
        var withIdentical = result with
        {
            Comparisons = [new ModelComparison("PTQ", [new LayerComparison("quant", identical)]), .. result.Comparisons.Skip(1)],
        };

        using JsonDocument json = JsonDocument.Parse(AnalysisJsonWriter.ToJson(withIdentical));

        JsonElement root = json.RootElement;
        JsonElement qat = root.GetProperty("result").GetProperty("comparisons")[1];
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("format").GetString(), Is.EqualTo("kws-analysis"));
            Assert.That(root.GetProperty("result").GetProperty("comparisons")[0].GetProperty("layers")[0]
                .GetProperty("metrics").GetProperty("sqnrDb").GetString(), Is.EqualTo("Infinity"));
            Assert.That(qat.GetProperty("layers").GetArrayLength(), Is.EqualTo(SyntheticAnalysis.Layers.Length));
            Assert.That(qat.GetProperty("layers")[1].GetProperty("metrics").GetProperty("mse").GetDouble(),
                Is.EqualTo(result.Comparisons[1].Layers[1].Metrics.Mse));
            Assert.That(root.GetProperty("findings").GetArrayLength(), Is.GreaterThan(0));
        });
    }

    [Test]
    public void Console_table_lists_every_layer_with_aligned_columns()
    {
        var output = new StringWriter();

        AnalysisTableWriter.Write(SyntheticAnalysis.Create(), output);

        string[] lines = output.ToString().Split('\n');
        string[] ptqTable = lines.SkipWhile(l => !l.StartsWith("PTQ against FP32", StringComparison.Ordinal)).Skip(1).TakeWhile(l => l.Length > 0).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(ptqTable, Has.Length.EqualTo(1 + SyntheticAnalysis.Layers.Length));
            Assert.That(ptqTable[0], Does.StartWith("layer"));
            Assert.That(ptqTable.Select(l => l.Length).Distinct().Count(), Is.EqualTo(1), "right-aligned columns end together");
        });
    }
}
