using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kws.Compiler.Analysis.Reports;

/// <summary>
/// The machine-readable result (<c>analysis.json</c>, and stdout with <c>--json</c>): the <see cref="AnalysisResult"/>
/// in camelCase plus the findings. An SQNR of two identical tensors is written as the string "Infinity".
/// </summary>
public static class AnalysisJsonWriter
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string ToJson(AnalysisResult result) =>
        JsonSerializer.Serialize(new { format = "kws-analysis", formatVersion = 1, findings = Findings.Of(result), result }, Options);
}
