using Kws.Tests.Shared;

namespace Kws.EndToEnd.Tests;

/// <summary>
/// The kws binary as a user gets it: published once per test run, on first use, as the README says
/// (<c>dotnet publish src/NativeAotHost -c Release -r linux-x64 -o &lt;dir&gt;</c>) into a temporary folder, then run
/// from <c>models/</c>. Tests that never run kws never pay for the publish. Set <c>KWS_BINARY</c> to an already
/// published kws to skip the publish (a faster edit-test loop).
/// </summary>
internal static class PublishedKws
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    // One attempt per run: a failed publish fails every test that needs the binary, with the same message.
    private static readonly Lazy<string> Published = new(Publish, LazyThreadSafetyMode.ExecutionAndPublication);
    private static string? _publishDirectory;

    /// <summary>Absolute path of the published executable.</summary>
    public static string Binary => Published.Value;

    /// <summary>Runs kws from the repository's <c>models/</c> folder, so sample paths read as in the docs.</summary>
    public static ProcessResult Run(params string[] arguments) => RunWithInput(null, arguments);

    public static ProcessResult RunWithInput(byte[]? standardInput, params string[] arguments) =>
        ProcessRunner.Run(Binary, arguments, RunTimeout, RepositoryPaths.Models, standardInput);

    /// <summary>Removes the temporary publish folder, if this run made one.</summary>
    public static void DeletePublished()
    {
        if (_publishDirectory is not null && Directory.Exists(_publishDirectory))
        {
            Directory.Delete(_publishDirectory, recursive: true);
        }
    }

    private static string Publish()
    {
        if (Environment.GetEnvironmentVariable("KWS_BINARY") is { Length: > 0 } given)
        {
            return File.Exists(given) ? Path.GetFullPath(given) : throw new FileNotFoundException($"KWS_BINARY={given} does not exist");
        }
        _publishDirectory = Path.Combine(Path.GetTempPath(), "kws-e2e-" + Guid.NewGuid().ToString("N"));
        ProcessResult publish = ProcessRunner.Run(DotnetCli.Host,
            ["publish", Path.Combine(RepositoryPaths.Root, "src", "NativeAotHost"), "-c", "Release", "-r", "linux-x64",
             "-o", _publishDirectory, "--nologo"],
            PublishTimeout, RepositoryPaths.Root, environment: DotnetCli.WithoutParentMsBuild());
        string binary = Path.Combine(_publishDirectory, "kws");
        if (publish.ExitCode != 0 || !File.Exists(binary))
        {
            throw new InvalidOperationException($"dotnet publish of src/NativeAotHost failed:\n{publish}");
        }
        return binary;
    }
}
