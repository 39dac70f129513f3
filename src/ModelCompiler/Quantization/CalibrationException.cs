namespace Kws.Compiler.Quantization;

/// <summary>
/// Calibration data no quantizer can be computed from (NaN or infinite values, nothing observed, a range PyTorch itself
/// cannot bin): one sentence for the user, so that no broken quantizer is ever written.
/// </summary>
public sealed class CalibrationException(string message) : Exception(message);
