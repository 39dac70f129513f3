using Kws.Compiler.Cli;
using Kws.Compiler.Files;

namespace Kws.Compiler.Analysis.Reports;

/// <summary>
/// Fills the output folder of <c>kwsc analyze -o DIR</c>: report.html (self-contained), analysis.json, and every chart
/// again as images/NAME.png so other documents can show them.
/// </summary>
public static class ReportDirectoryWriter
{
    public static string Write(AnalysisResult result, string directory, ProgressBar? progress = null)
    {
        Directory.CreateDirectory(directory);
        string images = Path.Combine(directory, "images");
        Directory.CreateDirectory(images);
        ReportCharts charts = ReportCharts.Render(result, progress);
        foreach (ReportImage image in charts.All)
        {
            OutputFile.WriteAllBytes(Path.Combine(images, image.FileName), image.Png, "a report image");
        }
        OutputFile.WriteAllText(Path.Combine(directory, "analysis.json"), AnalysisJsonWriter.ToJson(result), "the analysis JSON");
        string reportPath = Path.Combine(directory, "report.html");
        var html = new StringWriter();
        HtmlReportWriter.Write(result, charts, html);
        OutputFile.WriteAllText(reportPath, html.ToString(), "the report");
        return reportPath;
    }
}
