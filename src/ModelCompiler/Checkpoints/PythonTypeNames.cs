using Kws.Compiler.Pickle;

namespace Kws.Compiler.Checkpoints;

/// <summary>What Python's <c>type(value)</c> prints for a non-tensor state_dict value, as the seed's listing shows it.</summary>
public static class PythonTypeNames
{
    public static string Of(object? value) => value switch
    {
        null => "<class 'NoneType'>",
        TorchDTypeValue => "<class 'torch.dtype'>",
        QuantizationScheme => "<class 'torch.qscheme'>",
        PickleTuple => "<class 'tuple'>",
        List<object?> => "<class 'list'>",
        PickleDict => "<class 'collections.OrderedDict'>",
        string => "<class 'str'>",
        long => "<class 'int'>",
        double => "<class 'float'>",
        bool => "<class 'bool'>",
        byte[] => "<class 'bytes'>",
        _ => $"<class '{PickleReader.Describe(value)}'>",
    };
}
