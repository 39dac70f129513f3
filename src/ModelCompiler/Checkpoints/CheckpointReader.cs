using System.Security.Cryptography;
using Kws.Compiler.Files;
using Kws.Compiler.Pickle;

namespace Kws.Compiler.Checkpoints;

/// <summary>Reads a <c>torch.save</c>d state_dict from disk without Python: the archive, then the pickle, through the allow-list.</summary>
public static class CheckpointReader
{
    public static Checkpoint Read(string path) =>
        Read(InputFile.Read(path, CheckpointArchive.MaxFileBytes, "a checkpoint", head => CheckpointArchive.CheckHead(head, Path.GetFileName(path))),
            Path.GetFileName(path));

    /// <summary>Reads a checkpoint held in memory; <paramref name="fileName"/> names it in messages and in the result.</summary>
    public static Checkpoint Read(byte[] bytes, string fileName)
    {
        CheckpointArchive archive = CheckpointArchive.Open(bytes, fileName);
        object? root;
        try
        {
            root = PickleReader.Load(archive.ReadPickle(), new TorchPickleResolver(archive));
        }
        catch (PickleException e)
        {
            throw new CheckpointException($"{fileName}: data.pkl: {e.Message}", e);
        }
        if (root is not PickleDict dict)
        {
            throw new CheckpointException($"{fileName}: the checkpoint holds a {PickleReader.Describe(root)}, not a state_dict; save model.state_dict()");
        }
        var entries = new List<StateDictEntry>(dict.Count);
        int values = 0;
        foreach (var (key, value) in dict.Entries)
        {
            string name = key as string
                ?? throw new CheckpointException($"{fileName}: a state_dict key is a {PickleReader.Describe(key)}, not a string");
            CheckNesting(fileName, name, value, depth: 0, ref values);
            entries.Add(new StateDictEntry(name, value));
        }
        return new Checkpoint(fileName, Convert.ToHexStringLower(SHA256.HashData(bytes)), entries);
    }

    /// <summary>
    /// State_dict values are tensors and small tuples of them (a quantized Linear's packed params); deeper nesting
    /// is refused so that no later step (listing, diff, JSON) walks an arbitrarily deep hostile structure. The values
    /// are also counted as those steps see them, repeats included: a pickle can refer to one container many times
    /// from its memo, which would make a walk of a few kilobytes of pickle take years.
    /// </summary>
    private static void CheckNesting(string fileName, string key, object? value, int depth, ref int values)
    {
        if (++values > MaxValues)
        {
            throw new CheckpointException($"{fileName}: the state_dict holds more than {MaxValues} values (counting repeats), which no state_dict does (see docs/limits.md)");
        }
        IEnumerable<object?> children = value switch
        {
            PickleTuple tuple => tuple.Items,
            List<object?> list => list,
            PickleDict dict => dict.Entries.Select(e => e.Value),
            _ => [],
        };
        foreach (object? child in children)
        {
            if (depth >= MaxNesting)
            {
                throw new CheckpointException($"{fileName}: the value of {key} nests containers more than {MaxNesting} deep, which no state_dict does");
            }
            CheckNesting(fileName, key, child, depth + 1, ref values);
        }
    }

    private const int MaxNesting = 4;

    /// <summary>The most values (tensors, tuple items...) a state_dict may hold; M5's holds about 40.</summary>
    public const int MaxValues = 100_000;
}
