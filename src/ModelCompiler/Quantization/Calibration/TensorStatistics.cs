namespace Kws.Compiler.Quantization.Calibration;

/// <summary>
/// What calibration learned about one observed tensor: PyTorch's per-tensor observers fed exactly as eager PTQ feeds
/// them (batch by batch, conv outputs twice), whose ranges serve every quint8 setting, and kwsc's own histogram.
/// </summary>
public sealed class TensorStatistics
{
    internal TensorStatistics(ObservedTensor tensor)
    {
        Tensor = tensor;
    }

    public ObservedTensor Tensor { get; }

    public string Name => Tensor.Name;

    /// <summary>PyTorch's MinMaxObserver: the extremes of every value seen.</summary>
    public MinMaxObserver MinMax { get; } = new(ObserverSettings.X86Activations);

    /// <summary>PyTorch's MovingAverageMinMaxObserver, fed <see cref="ObservedTensor.ObservationsPerBatch"/> times per batch.</summary>
    public MovingAverageMinMaxObserver MovingAverage { get; } = new(ObserverSettings.X86Activations);

    /// <summary>PyTorch's HistogramObserver, fed as PyTorch feeds it.</summary>
    public HistogramObserver Histogram { get; } = new(ObserverSettings.X86Activations);

    /// <summary>kwsc's histogram over the measured extremes (null when calibration was asked not to build it).</summary>
    public ActivationHistogram? Fine { get; internal set; }

    /// <summary>Feeds one calibration batch (the clips' values of this tensor, concatenated in clip order).</summary>
    internal void ObserveBatch(ReadOnlySpan<float> batch)
    {
        ReadOnlySpan<int> shape = [batch.Length];
        MinMax.Observe(batch, shape);
        for (int i = 0; i < Tensor.ObservationsPerBatch; i++)
        {
            MovingAverage.Observe(batch, shape);
            Histogram.Observe(batch, shape);
        }
    }
}
