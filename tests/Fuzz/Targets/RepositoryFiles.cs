namespace Kws.Fuzz.Targets;

/// <summary>The committed files a target's corpus starts from.</summary>
internal static class RepositoryFiles
{
    /// <summary>Files of <paramref name="folder"/> (relative to the repository) matching <paramref name="pattern"/>; none if the folder is absent.</summary>
    public static IEnumerable<(string Name, byte[] Bytes)> Matching(string repository, string folder, string pattern)
    {
        string path = Path.Combine(repository, folder);
        return Directory.Exists(path)
            ? Directory.GetFiles(path, pattern).Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)))
            : [];
    }
}
