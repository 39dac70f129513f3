using Kws.Runtime.Manifest;

namespace Kws.Host.Engines;

/// <summary>Reads a <c>*.kws.json</c> named on the command line, every problem becoming one <see cref="InputException"/> line with the file's position.</summary>
internal static class ManifestLoader
{
    public static ModelManifest Read(string path)
    {
        if (Directory.Exists(path))
        {
            throw new InputException($"{path}: is a directory, not a manifest (*.kws.json)");
        }
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException($"{path}: no such manifest file");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot read the manifest");
        }
        return Parse(text, path);
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
            string position = e.Line > 0 ? $":{e.Line}:{e.Column}" : "";
            throw new InputException($"{origin}{position}: {e.Detail}");
        }
    }
}
