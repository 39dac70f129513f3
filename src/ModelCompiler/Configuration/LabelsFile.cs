using Kws.Compiler.Checkpoints;

namespace Kws.Compiler.Configuration;

/// <summary>The labels file of <c>--labels</c>: the class names of a model that is not the 35 Speech Commands words.</summary>
public static class LabelsFile
{
    /// <summary>One label per line; blank lines and surrounding spaces are ignored.</summary>
    public static IReadOnlyList<string> Read(string path)
    {
        try
        {
            if (new FileInfo(path) is { Exists: true, Length: > 1 << 20 }) throw new CheckpointException($"{path}: a labels file over 1 MB is not plausible");
            return File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException($"{path}: cannot be read ({e.Message})", e);
        }
    }
}
