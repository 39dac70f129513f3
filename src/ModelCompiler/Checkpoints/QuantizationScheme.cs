namespace Kws.Compiler.Checkpoints;

/// <summary>PyTorch's <c>torch.qscheme</c> values.</summary>
public enum QuantizationScheme
{
    PerTensorAffine,
    PerChannelAffine,
    PerChannelAffineFloatQParams,
    PerTensorSymmetric,
    PerChannelSymmetric,
}

/// <summary>The names PyTorch pickles qschemes under (<c>torch.per_channel_affine</c>).</summary>
public static class QuantizationSchemes
{
    public static string TorchName(this QuantizationScheme scheme) => scheme switch
    {
        QuantizationScheme.PerTensorAffine => "per_tensor_affine",
        QuantizationScheme.PerChannelAffine => "per_channel_affine",
        QuantizationScheme.PerChannelAffineFloatQParams => "per_channel_affine_float_qparams",
        QuantizationScheme.PerTensorSymmetric => "per_tensor_symmetric",
        _ => "per_channel_symmetric",
    };

    public static QuantizationScheme? FromName(string name) =>
        Enum.GetValues<QuantizationScheme>().Cast<QuantizationScheme?>().FirstOrDefault(s => s!.Value.TorchName() == name);

    public static bool IsPerChannel(this QuantizationScheme scheme) =>
        scheme is QuantizationScheme.PerChannelAffine or QuantizationScheme.PerChannelAffineFloatQParams or QuantizationScheme.PerChannelSymmetric;
}
