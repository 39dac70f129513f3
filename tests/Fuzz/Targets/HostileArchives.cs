using System.IO.Compression;

namespace Kws.Fuzz.Targets;

/// <summary>Small zip archives in the torch.save layout whose entries are deflated, for the zip-bomb seeds.</summary>
internal static class HostileArchives
{
    /// <summary>Stands for <paramref name="count"/> zero bytes, written to the entry in chunks.</summary>
    public sealed record Zeros(long Count);

    public static byte[] Build(params (string Name, object Content)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            var chunk = new byte[1 << 20];
            foreach (var (name, content) in entries.Append(("archive/version", (object)"3\n"u8.ToArray())))
            {
                using Stream entry = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                if (content is byte[] bytes)
                {
                    entry.Write(bytes);
                    continue;
                }
                for (long left = ((Zeros)content).Count; left > 0; left -= chunk.Length)
                {
                    entry.Write(chunk, 0, (int)Math.Min(left, chunk.Length));
                }
            }
        }
        return stream.ToArray();
    }
}
