namespace Kws.Compiler.Diff;

/// <summary>How one component (a row of the seed's table) differs between two checkpoints.</summary>
public sealed record ComponentDifference(
    ComponentKind Kind,
    IReadOnlyList<string> KeysA,
    IReadOnlyList<string> KeysB,
    IReadOnlyList<string> Removed,
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Changed,
    IReadOnlyList<string> ValuesDiffer,
    IReadOnlyList<string> Summary);
