using Kws.Tests.Shared;

namespace Kws.EndToEnd.Tests;

/// <summary>
/// Publishes the kws binary once per test run, as the README tells a user to
/// (<c>dotnet publish src/NativeAotHost -c Release -r linux-x64 -o &lt;dir&gt;</c>), into a temporary folder, and runs it.
/// Set <c>KWS_BINARY</c> to an already published kws to skip the publish (a faster edit-test loop).
/// </summary>
[SetUpFixture]
public sealed class PublishedKws
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);
    private static string? _binary;
    private static string? _publishDirectory;

    /// <summary>Absolute path of the published executable.</summary>
    internal static string Binary => _binary ?? throw new InvalidOperationException("kws was not published (OneTimeSetUp failed)");

    [OneTimeSetUp]
    public void Publish()
    {
        if (Environment.GetEnvironmentVariable("KWS_BINARY") is { Length: > 0 } given)
        {
            Assert.That(File.Exists(given), Is.True, $"KWS_BINARY={given} does not exist");
            _binary = Path.GetFullPath(given);
            return;
        }
        _publishDirectory = Path.Combine(Path.GetTempPath(), "kws-e2e-" + Guid.NewGuid().ToString("N"));
        ProcessResult publish = ProcessRunner.Run(DotnetHost(),
            ["publish", Path.Combine(RepositoryPaths.Root, "src", "NativeAotHost"), "-c", "Release", "-r", "linux-x64",
             "-o", _publishDirectory, "--nologo"],
            PublishTimeout, RepositoryPaths.Root, environment: WithoutParentMsBuild());
        Assert.That(publish.ExitCode, Is.Zero, $"dotnet publish failed:\n{publish}");
        _binary = Path.Combine(_publishDirectory, "kws");
        Assert.That(File.Exists(_binary), Is.True, $"dotnet publish did not produce {_binary}:\n{publish}");
    }

    [OneTimeTearDown]
    public void Clean()
    {
        if (_publishDirectory is not null && Directory.Exists(_publishDirectory))
        {
            Directory.Delete(_publishDirectory, recursive: true);
        }
    }

    /// <summary>Runs kws from the repository's <c>models/</c> folder, so sample paths read as in the docs.</summary>
    internal static ProcessResult Run(params string[] arguments) => RunWithInput(null, arguments);

    internal static ProcessResult RunWithInput(byte[]? standardInput, params string[] arguments) =>
        ProcessRunner.Run(Binary, arguments, RunTimeout, RepositoryPaths.Models, standardInput);

    // `dotnet test` runs us with its own host; DOTNET_HOST_PATH names it.
    internal static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    // The test host inherits MSBuild variables from the build that launched it; a nested publish must not reuse them.
    internal static Dictionary<string, string?> WithoutParentMsBuild() => new()
    {
        ["MSBuildExtensionsPath"] = null,
        ["MSBUILD_EXE_PATH"] = null,
        ["MSBuildSDKsPath"] = null,
        ["MSBuildLoadMicrosoftTargetsReadOnly"] = null,
    };
}
