using Kws.Host.Cli;

namespace Kws.Host.Evaluation;

/// <summary>
/// A folder laid out for evaluation: one sub-folder per label, named as the model's labels, holding WAV files.
/// Files are listed in a fixed order (label, then ordinal file name) so runs are repeatable.
/// </summary>
internal static class LabelledFolder
{
    public static List<(string Path, int Label)> List(string root, IReadOnlyList<string> labels)
    {
        if (File.Exists(root))
        {
            throw new InputException($"{root}: is a file; kws eval wants a folder with one sub-folder per label");
        }
        if (!Directory.Exists(root))
        {
            throw new InputException($"{root}: no such folder");
        }
        var files = new List<(string, int)>();
        foreach (string folder in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(folder);
            int label = IndexOf(labels, name);
            if (label < 0)
            {
                throw new InputException($"{folder}: '{name}' is not one of the model's {labels.Count} labels (see kws info)");
            }
            foreach (string file in Directory.GetFiles(folder, "*.wav").Order(StringComparer.Ordinal))
            {
                files.Add((file, label));
            }
        }
        if (files.Count == 0)
        {
            throw new InputException($"{root}: no WAV files in <label>/ sub-folders");
        }
        return files;
    }

    private static int IndexOf(IReadOnlyList<string> labels, string name)
    {
        for (int i = 0; i < labels.Count; i++)
        {
            if (labels[i] == name)
            {
                return i;
            }
        }
        return -1;
    }
}
