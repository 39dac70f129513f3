namespace Kws.Runtime.Files;

/// <summary>
/// Reads a whole file a user named, with a bound on its size that holds for regular files, pipes and devices alike:
/// a regular file's length is checked before reading, anything else is read in 64 KiB chunks and refused one chunk
/// past the limit, so <c>/dev/zero</c> or an endless pipe costs at most the limit. Problems are one
/// <see cref="InvalidDataException"/> naming the file (a missing or unreadable file stays an <see cref="IOException"/>).
/// </summary>
internal static class BoundedFile
{
    private const int ChunkBytes = 64 * 1024;

    /// <param name="path">the file, as the user named it (named in messages)</param>
    /// <param name="limit">the most bytes a plausible file of this kind holds</param>
    /// <param name="what">what the file should be, e.g. "a manifest", for messages</param>
    /// <param name="checkHead">
    /// sees the first chunk before the rest is read, and throws an <see cref="InvalidDataException"/> (whose message this
    /// prefixes with the path) to refuse the file from it
    /// </param>
    public static byte[] ReadAllBytes(string path, long limit, string what, Action<ReadOnlySpan<byte>>? checkHead = null)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        long known = stream.CanSeek ? stream.Length : 0;
        if (known > limit)
        {
            throw new InvalidDataException($"{path}: {known} bytes is larger than the {limit}-byte limit for {what} (see docs/limits.md)");
        }
        using var bytes = new MemoryStream((int)Math.Max(known, ChunkBytes));
        var chunk = new byte[ChunkBytes];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (bytes.Length == 0 && checkHead is not null)
            {
                try
                {
                    checkHead(chunk.AsSpan(0, read));
                }
                catch (InvalidDataException e)
                {
                    throw new InvalidDataException($"{path}: {e.Message}", e);
                }
            }
            bytes.Write(chunk, 0, read);
            if (bytes.Length > limit)
            {
                throw new InvalidDataException($"{path}: more than the {limit}-byte limit for {what} (see docs/limits.md)");
            }
        }
        return bytes.ToArray();
    }
}
