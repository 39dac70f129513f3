using Kws.Host.Cli;
using Kws.Runtime.Audio;

namespace Kws.Host.Audio;

/// <summary>
/// Opens and reads the input audio named on the command line, <c>-</c> being standard input, turning every way a path
/// can be unusable (missing, a directory, unreadable, empty, not a WAV file) into one <see cref="InputException"/>
/// line. Pipes, FIFOs and devices (<c>&lt;(cat clip.wav)</c>, <c>/dev/stdin</c>) are read without asking their length.
/// </summary>
internal static class AudioFile
{
    public const string StandardInput = "-";

    public static byte[] ReadAllBytes(string path)
    {
        using Stream stream = Open(path);
        try
        {
            return WavReader.ReadAllBytes(stream);
        }
        catch (WavFormatException e)
        {
            throw new InputException($"{Display(path)}: {e.Message}");
        }
        catch (IOException e)
        {
            throw new InputException($"{Display(path)}: cannot read: {e.Message}");
        }
    }

    /// <summary>How a path appears in messages and output: standard input is named as such.</summary>
    public static string Display(string path) => path == StandardInput ? "<stdin>" : path;

    /// <summary>Standard input, or the file, FIFO or device at <paramref name="path"/>, opened for reading.</summary>
    public static Stream Open(string path)
    {
        if (path == StandardInput)
        {
            return Console.OpenStandardInput();
        }
        if (Directory.Exists(path))
        {
            throw new InputException($"{path}: is a directory, not a WAV file");
        }
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
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
            throw new InputException($"{path}: cannot open: {e.Message}");
        }
    }
}
