namespace Kws.Compiler.Diff;

/// <summary>The rows of the seed's "Overall" table: which part of the M5 a state_dict key belongs to.</summary>
public enum ComponentKind
{
    Convolution,
    BatchNorm,
    FullyConnected,
    QuantStub,
    Other,
}

/// <summary>Classifies keys by their module name and names the rows as the seed does.</summary>
public static class ComponentKinds
{
    /// <summary>The row of a key of either layout (block2.block.1.bias is BatchNorm).</summary>
    public static ComponentKind Of(string key)
    {
        string module = KeyMapping.Canonical(key).Split('.')[0].TrimEnd("0123456789".ToCharArray());
        return module switch
        {
            "conv" => ComponentKind.Convolution,
            "bn" => ComponentKind.BatchNorm,
            "fc" => ComponentKind.FullyConnected,
            "quant" or "dequant" => ComponentKind.QuantStub,
            _ => ComponentKind.Other,
        };
    }

    public static string Title(this ComponentKind kind) => kind switch
    {
        ComponentKind.Convolution => "Convolution layers",
        ComponentKind.BatchNorm => "BatchNorm layers",
        ComponentKind.FullyConnected => "FC layers",
        ComponentKind.QuantStub => "Quant Stubs",
        _ => "Other keys",
    };

    /// <summary>
    /// conv1.weight -> convX.weight, block1.block.0.weight -> blockX.block.0.weight: the key with the layer number
    /// replaced, as the seed's table writes it.
    /// </summary>
    public static string Pattern(string key)
    {
        int dot = key.IndexOf('.', StringComparison.Ordinal);
        string module = dot < 0 ? key : key[..dot];
        string trimmed = module.TrimEnd("0123456789".ToCharArray());
        return trimmed.Length < module.Length && trimmed.Length > 0 && ComponentKinds.Of(key) is ComponentKind.Convolution or ComponentKind.BatchNorm
            ? trimmed + "X" + (dot < 0 ? "" : key[dot..])
            : key;
    }
}
