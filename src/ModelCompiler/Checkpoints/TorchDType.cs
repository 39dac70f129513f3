namespace Kws.Compiler.Checkpoints;

/// <summary>The PyTorch element types a checkpoint's storages can hold.</summary>
public enum TorchDType
{
    Float32,
    Float64,
    Float16,
    BFloat16,
    Int64,
    Int32,
    Int16,
    Int8,
    UInt8,
    Bool,
    QInt8,
    QUInt8,
    QInt32,
}

/// <summary>Names and sizes of <see cref="TorchDType"/> as PyTorch spells them.</summary>
public static class TorchDTypes
{
    private static readonly (TorchDType Type, string Name, string Storage, int Size, string[] Aliases)[] Table =
    [
        (TorchDType.Float32, "float32", "FloatStorage", 4, ["float"]),
        (TorchDType.Float64, "float64", "DoubleStorage", 8, ["double"]),
        (TorchDType.Float16, "float16", "HalfStorage", 2, ["half"]),
        (TorchDType.BFloat16, "bfloat16", "BFloat16Storage", 2, []),
        (TorchDType.Int64, "int64", "LongStorage", 8, ["long"]),
        (TorchDType.Int32, "int32", "IntStorage", 4, ["int"]),
        (TorchDType.Int16, "int16", "ShortStorage", 2, ["short"]),
        (TorchDType.Int8, "int8", "CharStorage", 1, []),
        (TorchDType.UInt8, "uint8", "ByteStorage", 1, []),
        (TorchDType.Bool, "bool", "BoolStorage", 1, []),
        (TorchDType.QInt8, "qint8", "QInt8Storage", 1, []),
        (TorchDType.QUInt8, "quint8", "QUInt8Storage", 1, []),
        (TorchDType.QInt32, "qint32", "QInt32Storage", 4, []),
    ];

    /// <summary>"torch.float32", as <c>print(tensor.dtype)</c> shows it.</summary>
    public static string TorchName(this TorchDType type) => "torch." + Row(type).Name;

    public static int ElementSize(this TorchDType type) => Row(type).Size;

    public static bool IsQuantized(this TorchDType type) => type is TorchDType.QInt8 or TorchDType.QUInt8 or TorchDType.QInt32;

    /// <summary>The dtype a <c>torch.&lt;name&gt;</c> global names (float32, qint8, long...), if any.</summary>
    public static TorchDType? FromName(string name)
    {
        foreach (var row in Table)
        {
            if (row.Name == name || row.Aliases.Contains(name)) return row.Type;
        }
        return null;
    }

    /// <summary>The dtype a legacy storage class (<c>torch.FloatStorage</c>) holds, if it is one.</summary>
    public static TorchDType? FromStorageClass(string name)
    {
        foreach (var row in Table)
        {
            if (row.Storage == name) return row.Type;
        }
        return null;
    }

    private static (TorchDType Type, string Name, string Storage, int Size, string[] Aliases) Row(TorchDType type) =>
        Table.First(r => r.Type == type);
}
