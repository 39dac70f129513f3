namespace Kws.Compiler.Checkpoints;

/// <summary>
/// The quantizer of a quantized tensor as <c>torch._utils._rebuild_qtensor</c> receives it: the scheme, one scale and
/// zero point (per tensor) or one per slice along <see cref="Axis"/> (per channel). Zero points are doubles because
/// per_channel_affine_float_qparams stores them as floats; integer zero points are exact in a double.
/// </summary>
public sealed record TensorQuantization(QuantizationScheme Scheme, double[] Scales, double[] ZeroPoints, int Axis);
