using System.Formats.Tar;
using System.IO.Compression;

namespace Kws.Fuzz;

/// <summary>
/// The inputs of a corpus: a committed corpus archive (<c>tests/Fuzz/corpus/&lt;target&gt;.tar.gz</c>, files ordered by
/// size so that gzip's window sees the similar ones together), a folder of files, or one file.
/// </summary>
public static class CorpusFiles
{
    /// <summary>The committed corpus archive of <paramref name="target"/>.</summary>
    public static string CommittedArchive(string repository, string target) =>
        Path.Combine(repository, "tests", "Fuzz", "corpus", target + ".tar.gz");

    public static IEnumerable<(string Name, byte[] Bytes)> Read(string path)
    {
        if (Directory.Exists(path))
        {
            return Directory.GetFiles(path).Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)));
        }
        return path.EndsWith(".tar.gz", StringComparison.Ordinal) ? ReadArchive(path) : [(Path.GetFileName(path), File.ReadAllBytes(path))];
    }

    private static IEnumerable<(string Name, byte[] Bytes)> ReadArchive(string path)
    {
        using var tar = new TarReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        while (tar.GetNextEntry() is TarEntry entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null) continue;
            using var bytes = new MemoryStream();
            entry.DataStream.CopyTo(bytes);
            yield return (Path.GetFileName(entry.Name), bytes.ToArray());
        }
    }
}
