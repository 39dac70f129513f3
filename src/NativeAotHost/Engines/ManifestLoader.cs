using Kws.Runtime.Files;
using Kws.Runtime.Manifest;

namespace Kws.Host.Engines;

/// <summary>
/// Reads a <c>*.kws.json</c> named on the command line, every problem becoming one <see cref="InputException"/> line with
/// the file's position. The file's size bound (<see cref="ManifestReader.MaxBytes"/>) is enforced before and while it is
/// read (<see cref="BoundedFile"/>: a pipe or <c>/dev/zero</c> too), and a file that does not start as a JSON object (a
/// WAV file, <c>/dev/zero</c>) is refused from its first chunk.
/// </summary>
internal static class ManifestLoader
{
    public static ModelManifest Read(string path)
    {
        if (Directory.Exists(path))
        {
            throw new InputException($"{path}: is a directory, not a manifest (*.kws.json)");
        }
        byte[] bytes;
        try
        {
            bytes = BoundedFile.ReadAllBytes(path, ManifestReader.MaxBytes, "a manifest", CheckStartsAsObject);
        }
        catch (InvalidDataException e)
        {
            throw new InputException(e.Message);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException($"{path}: no such manifest file");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot read the manifest");
        }
        try
        {
            return ManifestReader.Read(ManifestReader.Decode(bytes));
        }
        catch (ManifestException e)
        {
            throw Error(path, e);
        }
    }

    /// <summary>Parses manifest text; <paramref name="origin"/> names it in errors.</summary>
    public static ModelManifest Parse(string text, string origin)
    {
        try
        {
            return ManifestReader.Read(text);
        }
        catch (ManifestException e)
        {
            throw Error(origin, e);
        }
    }

    private static InputException Error(string origin, ManifestException e)
    {
        string position = e.Line > 0 ? $":{e.Line}:{e.Column}" : "";
        return new InputException($"{origin}{position}: {e.Detail}");
    }

    /// <summary>
    /// Refuses a file whose first byte after a BOM and JSON whitespace is not '{'. A pipe's first piece may be shorter
    /// than a BOM: then nothing is decided here, and the parser has the last word.
    /// </summary>
    private static void CheckStartsAsObject(ReadOnlySpan<byte> head)
    {
        if ("\uFEFF"u8.StartsWith(head))
        {
            return;
        }
        if (head.StartsWith("\uFEFF"u8))
        {
            head = head[3..];
        }
        int first = head.IndexOfAnyExcept(" \t\r\n"u8);
        if (first >= 0 && head[first] != (byte)'{')
        {
            throw new InvalidDataException("not a manifest: it does not start with '{' (a manifest is a JSON object written by kwsc export)");
        }
    }
}
