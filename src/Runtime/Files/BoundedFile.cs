namespace Kws.Runtime.Files;

/// <summary>
/// Reads a whole file a user named, with a bound on its size that holds for regular files, pipes and devices alike:
/// a regular file's length is checked before reading, anything else is read in 64 KiB chunks and refused one chunk
/// past the limit, so <c>/dev/zero</c> or an endless pipe costs at most the limit. The one reader of user files for
/// kws and kwsc: each states its own errors (<see cref="ReadAllBytes"/> here, kwsc's InputFile for its inputs).
/// </summary>
internal static class BoundedFile
{
    private const int ChunkBytes = 64 * 1024;

    /// <summary>
    /// <see cref="Read"/> with the runtime's errors: one <see cref="InvalidDataException"/> naming the file (a missing or
    /// unreadable file stays an <see cref="IOException"/>); <paramref name="checkHead"/> sees the first 64 KiB (or the
    /// whole file, if shorter) and refuses the file by throwing an <see cref="InvalidDataException"/>, whose message
    /// this prefixes with the path.
    /// </summary>
    /// <param name="path">the file, as the user named it (named in messages)</param>
    /// <param name="limit">the most bytes a plausible file of this kind holds</param>
    /// <param name="what">what the file should be, e.g. "a manifest", for messages</param>
    /// <param name="checkHead">refuses the file from its first bytes, before the rest is read</param>
    public static byte[] ReadAllBytes(string path, long limit, string what, Action<ReadOnlySpan<byte>>? checkHead = null)
    {
        Action<ReadOnlySpan<byte>>? prefixed = checkHead is null ? null : head =>
        {
            try
            {
                checkHead(head);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"{path}: {e.Message}", e);
            }
        };
        return Read(path, limit, ChunkBytes, prefixed, known => new InvalidDataException(known is long size
            ? $"{path}: {size} bytes is larger than the {limit}-byte limit for {what} (see docs/limits.md)"
            : $"{path}: more than the {limit}-byte limit for {what} (see docs/limits.md)"));
    }

    /// <param name="path">the file, as the user named it</param>
    /// <param name="limit">the most bytes a plausible file of this kind holds</param>
    /// <param name="headBytes">how many leading bytes <paramref name="checkHead"/> sees (fewer only if the file is shorter)</param>
    /// <param name="checkHead">refuses the file from its first bytes, before the rest is read</param>
    /// <param name="tooLarge">
    /// the error for a file over <paramref name="limit"/>: given its size when a regular file says so up front, null
    /// when reading ran past the limit
    /// </param>
    public static byte[] Read(string path, long limit, int headBytes, Action<ReadOnlySpan<byte>>? checkHead, Func<long?, Exception> tooLarge)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        long known = stream.CanSeek ? stream.Length : 0;
        if (known > limit)
        {
            throw tooLarge(known);
        }
        // A regular file's length is a good first guess; a device or pipe says 0 and grows the buffer as it goes.
        var buffer = new byte[Math.Max(known, Math.Min(limit, ChunkBytes)) + 1];
        int length = 0;
        bool headChecked = checkHead is null;
        while (true)
        {
            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(limit + 1, 2L * buffer.Length));
            }
            int read = stream.Read(buffer, length, Math.Min(buffer.Length - length, ChunkBytes));
            length += read;
            if (!headChecked && (read == 0 || length >= headBytes))
            {
                checkHead!(buffer.AsSpan(0, Math.Min(length, headBytes)));
                headChecked = true;
            }
            if (length > limit)
            {
                throw tooLarge(null);
            }
            if (read == 0)
            {
                return buffer.AsSpan(0, length).ToArray();
            }
        }
    }
}
