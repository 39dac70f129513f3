namespace Kws.Compiler.Quantization;

/// <summary>
/// A PyTorch observer reproduced in C#: it sees the batches of one tensor in calibration order, then computes the scale(s)
/// and zero point(s) PyTorch's observer of the same kind would compute from the same batches.
/// </summary>
public interface IObserver
{
    ObserverSettings Settings { get; }

    /// <summary>
    /// Records one batch: its float32 values in row-major order and its shape. An empty batch is ignored, as PyTorch
    /// ignores it; NaN or infinite values throw <see cref="CalibrationException"/>.
    /// </summary>
    void Observe(ReadOnlySpan<float> values, ReadOnlySpan<int> shape);

    /// <summary>The quantization parameters of everything observed so far; <see cref="CalibrationException"/> if nothing was.</summary>
    QuantizationParameters CalculateParameters();
}
