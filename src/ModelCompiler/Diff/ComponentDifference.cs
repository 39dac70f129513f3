namespace Kws.Compiler.Diff;

/// <summary>
/// How one component (a row of the seed's table) differs between two checkpoints. Keys are each checkpoint's own;
/// they are matched under the M5's names (<see cref="KeyMapping"/>), and <see cref="Renamed"/> lists the pairs that
/// hold the same tensor under other names ("a -> b").
/// </summary>
public sealed record ComponentDifference(
    ComponentKind Kind,
    IReadOnlyList<string> KeysA,
    IReadOnlyList<string> KeysB,
    IReadOnlyList<string> Removed,
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Changed,
    IReadOnlyList<string> ValuesDiffer,
    IReadOnlyList<string> Renamed,
    IReadOnlyList<string> Summary);
