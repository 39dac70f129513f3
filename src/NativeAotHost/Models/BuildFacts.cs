using System.Reflection;

namespace Kws.Host.Models;

/// <summary>What this binary was published with (NativeAotHost.csproj writes them as assembly metadata).</summary>
internal static class BuildFacts
{
    /// <summary>The instruction set ILC compiled for (<c>KwsInstructionSet</c>), or "default" for the SDK's.</summary>
    public static string InstructionSet => Metadata("KwsInstructionSet") is { Length: > 0 } set ? set : "default";

    /// <summary>The runtime identifier published for, e.g. linux-x64.</summary>
    public static string RuntimeIdentifier => Metadata("KwsRuntimeIdentifier") is { Length: > 0 } rid ? rid : "any";

    /// <summary>Size in bytes of this executable, or 0 when it cannot be found.</summary>
    public static long BinaryBytes =>
        Environment.ProcessPath is { } path && File.Exists(path) ? new FileInfo(path).Length : 0;

    private static string? Metadata(string key)
    {
        foreach (var attribute in typeof(BuildFacts).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
        {
            if (attribute.Key == key)
            {
                return attribute.Value;
            }
        }
        return null;
    }
}
