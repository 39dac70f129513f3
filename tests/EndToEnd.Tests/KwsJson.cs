using System.Text.Json;

namespace Kws.EndToEnd.Tests;

/// <summary>Reads kws's <c>--json</c> output (docs/kws.md) into plain records, failing the test on any missing field.</summary>
internal static class KwsJson
{
    public static IReadOnlyList<ClassifiedFile> Classifications(ProcessResult result)
    {
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        using JsonDocument document = JsonDocument.Parse(result.StandardOutput);
        Assert.That(document.RootElement.ValueKind, Is.EqualTo(JsonValueKind.Array), "classification JSON is one array");
        return document.RootElement.EnumerateArray().Select(item => new ClassifiedFile(
                item.GetProperty("file").GetString()!,
                item.GetProperty("label").GetString()!,
                item.GetProperty("logProbs").EnumerateArray().Select(v => v.GetSingle()).ToArray(),
                item.GetProperty("top").EnumerateArray()
                    .Select(t => (t.GetProperty("label").GetString()!, t.GetProperty("probability").GetDouble()))
                    .ToArray()))
            .ToList();
    }

    /// <summary>Parses a single JSON object from stdout of a successful run.</summary>
    public static JsonDocument Object(ProcessResult result)
    {
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        JsonDocument document = JsonDocument.Parse(result.StandardOutput);
        Assert.That(document.RootElement.ValueKind, Is.EqualTo(JsonValueKind.Object), result.StandardOutput);
        return document;
    }
}

/// <summary>One element of the classification array.</summary>
internal sealed record ClassifiedFile(string File, string Label, float[] LogProbs, (string Label, double Probability)[] Top);
