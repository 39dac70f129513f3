namespace Kws.Tests.Shared;

/// <summary>Running the .NET CLI from inside a test run: which host, and without the parent build's MSBuild variables.</summary>
internal static class DotnetCli
{
    /// <summary>`dotnet test` runs us with its own host; DOTNET_HOST_PATH names it.</summary>
    public static string Host =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>The test host inherits MSBuild variables from the build that launched it; a nested build must not reuse them.</summary>
    public static Dictionary<string, string?> WithoutParentMsBuild() => new()
    {
        ["MSBuildExtensionsPath"] = null,
        ["MSBUILD_EXE_PATH"] = null,
        ["MSBuildSDKsPath"] = null,
        ["MSBuildLoadMicrosoftTargetsReadOnly"] = null,
    };
}
