namespace Kws.Compiler.Pickle;

/// <summary>A Python tuple as the unpickler builds it.</summary>
public sealed class PickleTuple(IReadOnlyList<object?> items)
{
    public static PickleTuple Empty { get; } = new([]);

    public IReadOnlyList<object?> Items { get; } = items;

    public int Count => Items.Count;

    public object? this[int index] => Items[index];
}
