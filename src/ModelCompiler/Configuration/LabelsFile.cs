using System.Globalization;
using Kws.Compiler.Checkpoints;
using Kws.Compiler.Files;

namespace Kws.Compiler.Configuration;

/// <summary>
/// The labels file of <c>--labels</c>: the class names of a model that is not the 35 Speech Commands words, one per
/// line in class order. Surrounding spaces and blank lines are ignored; a label may not repeat, hold a control, format
/// (bidi) or line-separator character, or exceed <see cref="MaxLabelLength"/> characters, and the file must be UTF-8.
/// </summary>
public static class LabelsFile
{
    /// <summary>The largest labels file read.</summary>
    public const long MaxBytes = 1 << 20;

    /// <summary>The most labels a file may hold.</summary>
    public const int MaxLabels = 10_000;

    /// <summary>The longest label, in UTF-16 characters.</summary>
    public const int MaxLabelLength = 100;

    public static IReadOnlyList<string> Read(string path)
    {
        string text = InputFile.ReadUtf8Text(path, MaxBytes, "a labels file");
        return Parse(text, path);
    }

    /// <summary>The labels of a file's text; <paramref name="path"/> names it in messages.</summary>
    public static IReadOnlyList<string> Parse(string text, string path)
    {
        var labels = new List<string>();
        var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string label = lines[i].TrimEnd('\r').Trim();
            if (label.Length == 0) continue;
            int line = i + 1;
            if (label.Length > MaxLabelLength)
            {
                throw new CheckpointException($"{path}: line {line}: a label of {label.Length} characters is longer than {MaxLabelLength}");
            }
            if (label.Any(IsSeparatorOrControl))
            {
                throw new CheckpointException($"{path}: line {line}: the label holds a control, format or line-separator character");
            }
            if (!lineOf.TryAdd(label, line))
            {
                throw new CheckpointException($"{path}: line {line}: the label \"{label}\" is already on line {lineOf[label]}; labels must differ");
            }
            if (labels.Count == MaxLabels)
            {
                throw new CheckpointException($"{path}: more than {MaxLabels} labels");
            }
            labels.Add(label);
        }
        return labels;
    }

    /// <summary>Characters that would break a label's line in a listing or reorder text around it (bidi controls are Format).</summary>
    private static bool IsSeparatorOrControl(char c) => CharUnicodeInfo.GetUnicodeCategory(c) is
        UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Format;
}
