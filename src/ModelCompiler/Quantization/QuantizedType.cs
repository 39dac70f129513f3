namespace Kws.Compiler.Quantization;

/// <summary>The 8-bit integer types PyTorch's observers quantize to: <c>torch.quint8</c> and <c>torch.qint8</c>.</summary>
public enum QuantizedType
{
    QUInt8,
    QInt8,
}
