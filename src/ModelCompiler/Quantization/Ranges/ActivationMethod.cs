namespace Kws.Compiler.Quantization.Ranges;

/// <summary>How an activation's range is chosen from the calibration data.</summary>
public enum ActivationMethod
{
    /// <summary>PyTorch's MinMaxObserver: the extremes.</summary>
    MinMax,

    /// <summary>PyTorch's MovingAverageMinMaxObserver (averaging constant 0.01).</summary>
    MovingAverage,

    /// <summary>PyTorch's HistogramObserver: its own L2 range search (the x86 default).</summary>
    Histogram,

    /// <summary>kwsc: clip the rarest values (<see cref="PercentileRange"/>).</summary>
    Percentile,

    /// <summary>kwsc: the range of least squared quantization error (<see cref="MseRange"/>).</summary>
    Mse,

    /// <summary>kwsc: TensorRT's entropy (KL) calibration (<see cref="EntropyRange"/>).</summary>
    Entropy,
}
