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

    // One attempt per run and model: a failed publish fails every test that needs the binary, with the same message.
    private static readonly Lazy<string> Published = new(() => Publish(null), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Dictionary<string, Lazy<string>> PublishedWith = [];
    private static readonly List<string> PublishDirectories = [];

    /// <summary>Absolute path of the published executable.</summary>
    public static string Binary => Published.Value;

    /// <summary>
    /// A kws published with another manifest baked in (<c>-p:KwsModel=</c>, docs/kws.md), once per run; relative to
    /// <c>models/</c>. KWS_BINARY does not apply to it.
    /// </summary>
    public static string BinaryWith(string kwsModel)
    {
        Lazy<string> published;
        lock (PublishedWith)
        {
            if (!PublishedWith.TryGetValue(kwsModel, out published!))
            {
                published = new Lazy<string>(() => Publish(kwsModel), LazyThreadSafetyMode.ExecutionAndPublication);
                PublishedWith[kwsModel] = published;
            }
        }
        return published.Value;
    }

    /// <summary>Runs kws from the repository's <c>models/</c> folder, so sample paths read as in the docs.</summary>
    public static ProcessResult Run(params string[] arguments) => RunWithInput(null, arguments);

    public static ProcessResult RunWithInput(byte[]? standardInput, params string[] arguments) =>
        ProcessRunner.Run(Binary, arguments, RunTimeout, RepositoryPaths.Models, standardInput);

    /// <summary>Removes the temporary publish folders this run made.</summary>
    public static void DeletePublished()
    {
        foreach (string directory in PublishDirectories.Where(Directory.Exists))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string Publish(string? kwsModel)
    {
        if (kwsModel is null && Environment.GetEnvironmentVariable("KWS_BINARY") is { Length: > 0 } given)
        {
            return File.Exists(given) ? Path.GetFullPath(given) : throw new FileNotFoundException($"KWS_BINARY={given} does not exist");
        }
        string directory = Path.Combine(Path.GetTempPath(), "kws-e2e-" + Guid.NewGuid().ToString("N"));
        lock (PublishDirectories) PublishDirectories.Add(directory);
        string[] model = kwsModel is null ? [] : ["-p:KwsModel=" + RepositoryPaths.Model(kwsModel)];
        ProcessResult publish = ProcessRunner.Run(DotnetCli.Host,
            ["publish", Path.Combine(RepositoryPaths.Root, "src", "NativeAotHost"), "-c", "Release", "-r", "linux-x64",
             .. model, "-o", directory, "--nologo"],
            PublishTimeout, RepositoryPaths.Root, environment: DotnetCli.WithoutParentMsBuild());
        string binary = Path.Combine(directory, "kws");
        if (publish.ExitCode != 0 || !File.Exists(binary))
        {
            throw new InvalidOperationException($"dotnet publish of src/NativeAotHost{(kwsModel is null ? "" : " with KwsModel=" + kwsModel)} failed:\n{publish}");
        }
        return binary;
    }
}
