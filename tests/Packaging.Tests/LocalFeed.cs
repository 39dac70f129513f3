namespace Kws.Packaging.Tests;

/// <summary>
/// Both packages, packed once per test run from this clone into <c>artifacts/packages</c> of the workspace, as
/// <c>dotnet pack</c> makes them; the build itself goes to the workspace too, so the clone's bin/ and obj/ are not
/// touched. The version is the repository's with a pre-release suffix unique to the run: NuGet caches packages by
/// id and version, so a fixed version would let a consumer restore a package packed by an earlier run. It also shows
/// that one property sets the version everywhere (--version, manifests, generated code).
/// </summary>
internal static class LocalFeed
{
    private static readonly Lazy<string> Packed = new(Pack, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Version { get; } = $"{RepositoryVersion.Text}-packagetest.{DateTime.UtcNow:yyyyMMddHHmmss}";

    /// <summary>The feed folder, packed on first use.</summary>
    public static string Folder => Packed.Value;

    /// <summary>Removes this run's packages from the machine's NuGet cache (consumers restored them there).</summary>
    public static void RemoveFromPackageCache()
    {
        if (!Packed.IsValueCreated)
        {
            return;
        }
        string listing = Dotnet.Run(Workspace.Root, "nuget", "locals", "global-packages", "--list").StandardOutput;
        string cache = listing[(listing.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        foreach (string id in new[] { "kws.runtime", "kws.compiler" })
        {
            string folder = Path.Combine(cache, id, Version.ToLowerInvariant());
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
            string idFolder = Path.Combine(cache, id);
            if (Directory.Exists(idFolder) && !Directory.EnumerateFileSystemEntries(idFolder).Any())
            {
                Directory.Delete(idFolder);
            }
        }
    }

    private static string Pack()
    {
        string feed = Workspace.Folder("artifacts", "packages");
        string build = Workspace.Folder("build");
        foreach (string project in new[] { "Runtime", "ModelCompiler" })
        {
            Dotnet.Run(RepositoryPaths.Root, "pack", Path.Combine("src", project), "-c", "Release", "-o", feed,
                $"-p:Version={Version}", "-p:UseArtifactsOutput=true", $"-p:ArtifactsPath={build}");
        }
        return feed;
    }
}
