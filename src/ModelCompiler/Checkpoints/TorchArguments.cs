using Kws.Compiler.Pickle;

namespace Kws.Compiler.Checkpoints;

/// <summary>Typed access to the argument tuple of an allowed PyTorch function, with errors that name the function.</summary>
internal sealed class TorchArguments(string function, PickleTuple arguments)
{
    public string Function { get; } = function;

    public object? this[int index] => index < arguments.Count
        ? arguments[index]
        : throw new PickleException($"{Function} is missing argument {index}");

    public void ExpectCount(int min, int max)
    {
        if (arguments.Count < min || arguments.Count > max)
        {
            string expected = min == max ? $"{min}" : $"{min} to {max}";
            throw new PickleException($"{Function} takes {expected} arguments, the pickle gives {arguments.Count}");
        }
    }

    public long Long(int index) => this[index] switch
    {
        long value => value,
        bool flag => flag ? 1 : 0,
        var other => throw Wrong(index, "an int", other),
    };

    public double Double(int index) => this[index] switch
    {
        double value => value,
        long value => value,
        var other => throw Wrong(index, "a float", other),
    };

    public string String(int index) => this[index] as string ?? throw Wrong(index, "a str", this[index]);

    public PickleTuple Tuple(int index) => this[index] as PickleTuple ?? throw Wrong(index, "a tuple", this[index]);

    public TorchTensor Tensor(int index) => this[index] as TorchTensor ?? throw Wrong(index, "a tensor", this[index]);

    /// <summary>A tuple of ints (a size or a stride).</summary>
    public long[] Longs(int index)
    {
        var tuple = new TorchArguments($"{Function} argument {index}", Tuple(index));
        return Enumerable.Range(0, tuple.Count).Select(tuple.Long).ToArray();
    }

    private int Count => arguments.Count;

    private PickleException Wrong(int index, string expected, object? found) =>
        new($"{Function} argument {index} must be {expected}, found {PickleReader.Describe(found)}");
}
