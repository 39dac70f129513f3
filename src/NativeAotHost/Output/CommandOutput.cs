using System.Text.Json;

namespace Kws.Host.Output;

/// <summary>Every command's last step: its result as JSON (<c>--json</c>) or as text for a person, then exit code 0.</summary>
internal static class CommandOutput
{
    public static int Print(TextWriter output, bool json, Action<Utf8JsonWriter> writeJson, Action writeText)
    {
        if (json)
        {
            JsonOutput.Write(output, writeJson);
        }
        else
        {
            writeText();
        }
        return ExitCodes.Success;
    }
}
