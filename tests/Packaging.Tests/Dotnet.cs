namespace Kws.Packaging.Tests;

/// <summary>The .NET CLI as a user runs it, from a folder, failing the test with its output when it fails.</summary>
internal static class Dotnet
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(15);

    public static ProcessResult Run(string workingDirectory, params string[] arguments)
    {
        ProcessResult result = ProcessRunner.Run(DotnetCli.Host, arguments, Timeout, workingDirectory, environment: Environment());
        if (result.ExitCode != 0)
        {
            Assert.Fail($"dotnet {string.Join(' ', arguments)} (in {workingDirectory}) failed:\n{result}");
        }
        return result;
    }

    private static Dictionary<string, string?> Environment()
    {
        Dictionary<string, string?> environment = DotnetCli.WithoutParentMsBuild();
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        return environment;
    }
}
