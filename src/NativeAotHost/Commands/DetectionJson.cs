using System.Text.Json;
using Kws.Runtime.Detection;

namespace Kws.Host.Commands;

/// <summary>One detection as JSON, the same object in <c>kws detect --json</c> and in each line of <c>kws listen --json</c>.</summary>
internal static class DetectionJson
{
    public static void Write(Utf8JsonWriter w, Detection detection)
    {
        w.WriteStartObject();
        w.WriteString("label", detection.Word);
        w.WriteNumber("seconds", Math.Round(detection.Seconds, 3));
        w.WriteNumber("score", Math.Round(detection.Score, 4));
        w.WriteEndObject();
    }
}
