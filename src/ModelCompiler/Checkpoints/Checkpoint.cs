using Kws.Compiler.Pickle;

namespace Kws.Compiler.Checkpoints;

/// <summary>A checkpoint read from disk: where it came from and its state_dict in file order.</summary>
public sealed class Checkpoint(string fileName, string sha256, IReadOnlyList<StateDictEntry> entries)
{
    /// <summary>The file name without its folder.</summary>
    public string FileName { get; } = fileName;

    /// <summary>Lower-case hex SHA-256 of the file's bytes.</summary>
    public string Sha256 { get; } = sha256;

    public IReadOnlyList<StateDictEntry> Entries { get; } = entries;

    public object? this[string key] => Entries.FirstOrDefault(e => e.Key == key)?.Value;

    public bool Contains(string key) => Entries.Any(e => e.Key == key);

    /// <summary>The tensor stored under <paramref name="key"/>, or an error naming the key.</summary>
    public TorchTensor Tensor(string key) => this[key] switch
    {
        TorchTensor tensor => tensor,
        null when !Contains(key) => throw new CheckpointException($"{FileName}: the state_dict has no key {key}"),
        var other => throw new CheckpointException($"{FileName}: {key} is a {PickleReader.Describe(other)}, not a tensor"),
    };
}
