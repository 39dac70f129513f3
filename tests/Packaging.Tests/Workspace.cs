namespace Kws.Packaging.Tests;

/// <summary>
/// One temporary folder outside the repository for the whole test run, laid out like the repository where the
/// samples expect it: <c>artifacts/packages</c> (the feed), <c>samples/</c>, <c>models/</c>; plus room for consumer
/// projects and tools.
/// </summary>
internal static class Workspace
{
    private static readonly Lazy<string> RootFolder = new(
        () => Directory.CreateTempSubdirectory("kws-packaging-").FullName, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Root => RootFolder.Value;

    /// <summary>A new empty folder under the workspace.</summary>
    public static string Folder(params string[] parts)
    {
        string path = Path.Combine([Root, .. parts]);
        Directory.CreateDirectory(path);
        return path;
    }

    public static void Delete()
    {
        if (RootFolder.IsValueCreated && Directory.Exists(RootFolder.Value))
        {
            Directory.Delete(RootFolder.Value, recursive: true);
        }
    }
}
