using System.Text;
using Kws.Compiler.Checkpoints;
using Kws.Runtime.Files;

namespace Kws.Compiler.Files;

/// <summary>
/// Reads a file the user named (checkpoint, config, labels) whole, with a bound on its size that holds for regular
/// files, pipes and devices alike (the runtime's <see cref="BoundedFile"/>, so <c>/dev/zero</c> or an endless pipe
/// costs at most the limit), in kwsc's words: every failure is one <see cref="CheckpointException"/>.
/// </summary>
public static class InputFile
{
    /// <summary>How many leading bytes <c>checkHead</c> of <see cref="Read"/> sees (fewer only if the file is shorter).</summary>
    public const int HeadBytes = 512;

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
            return BoundedFile.Read(path, limit, HeadBytes, checkHead,
                known => TooLarge(name, known is long size ? $"{size} bytes" : "more bytes", limit, what));
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
