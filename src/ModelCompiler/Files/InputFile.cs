using System.Text;
using Kws.Compiler.Checkpoints;

namespace Kws.Compiler.Files;

/// <summary>
/// Reads a file the user named (checkpoint, config, labels) whole, with a bound on its size that holds for regular
/// files, pipes and devices alike: the bytes are read in chunks and the read stops one chunk past the limit, so
/// <c>/dev/zero</c> or an endless pipe costs at most the limit. Every failure is one <see cref="CheckpointException"/>.
/// </summary>
public static class InputFile
{
    /// <summary>How many leading bytes <c>checkHead</c> of <see cref="Read"/> sees (fewer only if the file is shorter).</summary>
    public const int HeadBytes = 512;

    private const int ChunkBytes = 1 << 16;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <param name="path">The path as given (named in messages).</param>
    /// <param name="limit">The most bytes a plausible input of this kind holds.</param>
    /// <param name="what">What the file should be, e.g. "a checkpoint", for messages.</param>
    /// <param name="checkHead">Refuses a file from its first bytes, before the rest is read (e.g. not a zip archive).</param>
    public static byte[] Read(string path, long limit, string what, Action<ReadOnlySpan<byte>>? checkHead = null)
    {
        string name = Path.GetFileName(path);
        if (Directory.Exists(path))
        {
            throw new CheckpointException($"{path}: is a directory, not {what}");
        }
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
            long known = stream.CanSeek ? stream.Length : 0;
            if (known > limit)
            {
                throw TooLarge(name, $"{known} bytes", limit, what);
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
                if (length > limit)
                {
                    throw TooLarge(name, "more bytes", limit, what);
                }
                if (!headChecked && (read == 0 || length >= HeadBytes))
                {
                    checkHead!(buffer.AsSpan(0, Math.Min(length, HeadBytes)));
                    headChecked = true;
                }
                if (read == 0)
                {
                    return buffer.AsSpan(0, length).ToArray();
                }
            }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw NoSuchFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException($"{path}: cannot be read ({e.Message})", e);
        }
    }

    /// <summary>A text file read as <see cref="Read"/> reads bytes, then decoded by <see cref="DecodeUtf8"/>.</summary>
    public static string ReadUtf8Text(string path, long limit, string what) => DecodeUtf8(Read(path, limit, what), path, what);

    /// <summary>Strict UTF-8 (a leading BOM is dropped); anything else is refused rather than read with replacement characters.</summary>
    public static string DecodeUtf8(byte[] bytes, string path, string what)
    {
        try
        {
            return StrictUtf8.GetString(bytes.AsSpan(bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0));
        }
        catch (DecoderFallbackException)
        {
            throw new CheckpointException($"{path}: not UTF-8 text, which {what} must be");
        }
    }

    /// <summary>"no such file", saying so when the name itself could not reach the file system intact.</summary>
    public static CheckpointException NoSuchFile(string path) => new(path.Contains('\uFFFD', StringComparison.Ordinal)
        ? $"{path}: no such file (its name is not valid UTF-8, which .NET cannot pass to the file system; rename the file)"
        : $"{path}: no such file");

    private static CheckpointException TooLarge(string name, string size, long limit, string what) =>
        new($"{name}: {size} is larger than the {limit}-byte limit for {what} (see docs/limits.md)");
}
