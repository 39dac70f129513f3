namespace Kws.Compiler.Quantization;

/// <summary>
/// The integer codes a quantizer may use, as PyTorch 1.13's <c>calculate_qmin_qmax</c> picks them for an observer without
/// a custom quant_min/quant_max: quint8 0..255 (0..127 with reduce_range), qint8 -128..127 (-64..63 with reduce_range).
/// </summary>
public readonly record struct QuantizationRange(int Min, int Max)
{
    public static QuantizationRange For(QuantizedType type, bool reduceRange) => (type, reduceRange) switch
    {
        (QuantizedType.QUInt8, false) => new(0, 255),
        (QuantizedType.QUInt8, true) => new(0, 127),
        (QuantizedType.QInt8, false) => new(-128, 127),
        _ => new(-64, 63),
    };
}
