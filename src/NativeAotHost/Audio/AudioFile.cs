namespace Kws.Host.Audio;

/// <summary>
/// Reads the bytes of an input WAV named on the command line, <c>-</c> being standard input, turning every way a path
/// can be unusable (missing, a directory, unreadable, empty) into one <see cref="InputException"/> line.
/// </summary>
internal static class AudioFile
{
    /// <summary>WAV files larger than this are refused before reading (a minute of 48 kHz stereo float is 23 MB).</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    public const string StandardInput = "-";

    public static byte[] ReadAllBytes(string path)
    {
        byte[] bytes = path == StandardInput ? ReadStandardInput() : ReadFile(path);
        if (bytes.Length == 0)
        {
            throw new InputException($"{Display(path)}: empty file, not a WAV file");
        }
        return bytes;
    }

    /// <summary>How a path appears in messages and output: standard input is named as such.</summary>
    public static string Display(string path) => path == StandardInput ? "<stdin>" : path;

    private static byte[] ReadFile(string path)
    {
        if (Directory.Exists(path))
        {
            throw new InputException($"{path}: is a directory, not a WAV file");
        }
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.Length > MaxBytes)
            {
                throw new InputException($"{path}: {stream.Length} bytes is larger than the {MaxBytes / (1024 * 1024)} MB limit for a WAV file");
            }
            byte[] bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (FileNotFoundException)
        {
            throw new InputException($"{path}: no such file");
        }
        catch (DirectoryNotFoundException)
        {
            throw new InputException($"{path}: no such file (a folder in the path does not exist)");
        }
        catch (UnauthorizedAccessException)
        {
            throw new InputException($"{path}: permission denied");
        }
        catch (IOException e)
        {
            throw new InputException($"{path}: cannot read: {e.Message}");
        }
    }

    private static byte[] ReadStandardInput()
    {
        using Stream stdin = Console.OpenStandardInput();
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[64 * 1024];
        int read;
        while ((read = stdin.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw new InputException($"<stdin>: more than the {MaxBytes / (1024 * 1024)} MB limit for a WAV file");
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
