namespace Kws.Compiler.Quantization;

/// <summary>
/// What every observer is configured with: the target type, affine or symmetric, and reduce_range (one bit less, which
/// PyTorch's x86 qconfig asks for activations so that vpmaddubsw cannot overflow).
/// </summary>
public sealed record ObserverSettings(QuantizedType Type, bool Symmetric, bool ReduceRange = false)
{
    /// <summary>The x86 qconfig's activations: quint8, affine, reduce_range.</summary>
    public static ObserverSettings X86Activations { get; } = new(QuantizedType.QUInt8, Symmetric: false, ReduceRange: true);

    /// <summary>PyTorch's default weights: qint8, symmetric.</summary>
    public static ObserverSettings SymmetricWeights { get; } = new(QuantizedType.QInt8, Symmetric: true);

    public QuantizationRange Range => QuantizationRange.For(Type, ReduceRange);
}
