namespace Kws.Compiler.Analysis.Reports;

/// <summary>One rendered chart: a file-name stem (also its anchor in the HTML), a caption and the PNG bytes.</summary>
public sealed record ReportImage(string Name, string Caption, byte[] Png)
{
    public string FileName => Name + ".png";
}
