using Kws.Compiler.Cli;

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
            File.WriteAllBytes(Path.Combine(images, image.FileName), image.Png);
        }
        File.WriteAllText(Path.Combine(directory, "analysis.json"), AnalysisJsonWriter.ToJson(result));
        string reportPath = Path.Combine(directory, "report.html");
        using (var html = new StreamWriter(reportPath))
        {
            HtmlReportWriter.Write(result, charts, html);
        }
        return reportPath;
    }
}
