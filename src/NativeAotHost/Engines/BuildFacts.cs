namespace Kws.Host.Engines;

/// <summary>What this binary was published with (<c>BuildSettings</c> is written by NativeAotHost.csproj) and how big it is.</summary>
internal static class BuildFacts
{
    /// <summary>The instruction set ILC compiled for (<c>KwsInstructionSet</c>), or "default" for the SDK's.</summary>
    public static string InstructionSet => BuildSettings.InstructionSet.Length > 0 ? BuildSettings.InstructionSet : "default";

    /// <summary>The runtime identifier published for, e.g. linux-x64; "any" for a plain build.</summary>
    public static string RuntimeIdentifier => BuildSettings.RuntimeIdentifier.Length > 0 ? BuildSettings.RuntimeIdentifier : "any";

    /// <summary>Size in bytes of this executable, or 0 when it cannot be found.</summary>
    public static long BinaryBytes =>
        Environment.ProcessPath is { } path && File.Exists(path) ? new FileInfo(path).Length : 0;
}
