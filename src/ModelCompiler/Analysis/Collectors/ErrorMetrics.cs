namespace Kws.Compiler.Analysis.Collectors;

/// <summary>
/// How far a quantized model's dequantized tensor is from the FP32 model's, over every element compared
/// (error = quantized - fp32): the seed notebook's MSE, MAE, cosine similarity and error standard deviation, plus
/// SQNR, the signal-to-quantization-noise ratio 10·log10(Σfp32² / Σerror²) in dB.
/// </summary>
/// <param name="Count">Elements compared.</param>
/// <param name="Mse">Mean of error².</param>
/// <param name="Mae">Mean of |error|.</param>
/// <param name="Cosine">Cosine similarity of the two tensors as flat vectors (1 when both are all zero).</param>
/// <param name="SqnrDb">Signal-to-quantization-noise ratio in dB; +∞ when the tensors are identical.</param>
/// <param name="ErrorStd">Population standard deviation of the error.</param>
/// <param name="MeanError">Mean error (the bias the standard deviation is taken around).</param>
public sealed record ErrorMetrics(long Count, double Mse, double Mae, double Cosine, double SqnrDb, double ErrorStd, double MeanError);
