using Kws.Compiler.Checkpoints;

namespace Kws.Compiler.Quantization;

/// <summary>
/// What an observer computes: one float32 scale and integer zero point for the whole tensor (per-tensor schemes) or one
/// per channel along axis 0 (per-channel schemes), for codes in <see cref="Range"/>.
/// </summary>
public sealed record QuantizationParameters(
    QuantizationScheme Scheme, QuantizedType Type, QuantizationRange Range, float[] Scales, int[] ZeroPoints)
{
    public bool IsPerChannel => Scheme.IsPerChannel();

    /// <summary>The scale of a per-tensor quantizer.</summary>
    public float Scale => IsPerChannel ? throw new InvalidOperationException("per-channel parameters have one scale per channel") : Scales[0];

    /// <summary>The zero point of a per-tensor quantizer.</summary>
    public int ZeroPoint => IsPerChannel ? throw new InvalidOperationException("per-channel parameters have one zero point per channel") : ZeroPoints[0];
}
