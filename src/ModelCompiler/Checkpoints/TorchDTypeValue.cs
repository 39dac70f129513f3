namespace Kws.Compiler.Checkpoints;

/// <summary>A <c>torch.dtype</c> stored as a value (the quantized Linear's <c>_packed_params.dtype</c>).</summary>
public sealed record TorchDTypeValue(TorchDType DType)
{
    public override string ToString() => DType.TorchName();
}
