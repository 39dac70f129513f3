using Kws.Compiler.Configuration;

namespace Kws.Fuzz.Targets;

/// <summary>Labels file bytes through what <c>--labels</c> does: strict UTF-8, then one label per line with its rules.</summary>
public sealed class LabelsTarget() : TextFileTarget("labels", "fuzz.txt", LabelsFile.MaxBytes, "a labels file")
{
    public override IEnumerable<(string Name, byte[] Bytes)> Seeds(string repository) =>
    [
        .. RepositoryFiles.Matching(repository, "models", "labels.txt"),
        ("duplicates.txt", "yes\nno\nyes\n"u8.ToArray()),
        ("blank-and-spaces.txt", "\uFEFF  yes \r\n\r\n\tno\n"u8.ToArray()),
        ("controls.txt", "y\u0007es\nn\u2028o\n\u202Eup\n"u8.ToArray()),
        ("latin1.txt", [(byte)'n', 0xE9, (byte)'\n']),
    ];

    protected override void Parse(string text, string fileName) => LabelsFile.Parse(text, fileName);
}
