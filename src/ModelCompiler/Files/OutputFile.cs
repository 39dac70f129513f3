using System.Text;
using Kws.Compiler.Checkpoints;

namespace Kws.Compiler.Files;

/// <summary>
/// Writes kwsc's outputs so that a failure never leaves a half-written file and an output never replaces an input:
/// the bytes go to a temporary file beside the target, which is then renamed over it (atomic on one file system).
/// </summary>
public static class OutputFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <param name="what">What the file is, for the error message: "the manifest".</param>
    public static void WriteAllText(string path, string text, string what) => WriteAllBytes(path, Utf8.GetBytes(text), what);

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes, string what)
    {
        string full = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new CheckpointException($"{path}: cannot write {what} ({e.Message})", e);
        }
    }

    /// <summary>
    /// Refuses an output path that names one of the inputs, also through a symbolic link, so that
    /// <c>kwsc export s.pth ... -o s.pth</c> cannot overwrite its own checkpoint. (Hard links are not seen.)
    /// </summary>
    public static void RefuseInputs(string output, string option, params IEnumerable<string?> inputs)
    {
        string target = Identity(output);
        foreach (string? input in inputs)
        {
            if (input is not null && Identity(input) == target)
            {
                throw new CheckpointException($"{option} {output} is also an input ({input}); choose another output path");
            }
        }
    }

    /// <summary>The full path a name finally refers to, following a symbolic link at its end.</summary>
    private static string Identity(string path)
    {
        string full = Path.GetFullPath(path);
        try
        {
            return File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return full;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The original error is the one to report.
        }
    }
}
