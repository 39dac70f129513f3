namespace Kws.Compiler.Quantization;

/// <summary>
/// The MinMax family of PyTorch's observers: a running (min, max) per tensor, or per channel along axis 0, that the first
/// batch sets and each later batch either widens to its extremes or, with an averaging constant c (moving-average
/// observers), moves by <c>c * (batch - running)</c>, computed as PyTorch's tensors do: three float32 operations with c
/// rounded to float32, no fused multiply-add.
/// </summary>
public abstract class RangeObserver : IObserver
{
    private readonly bool perChannel;
    private readonly float? averagingConstant;
    private ChannelRanges? ranges;

    private protected RangeObserver(ObserverSettings settings, bool perChannel, double? averagingConstant)
    {
        // PyTorch's MinMax observers refuse this one combination; its histogram observer accepts it.
        if (settings.Symmetric && settings.ReduceRange && settings.Type == QuantizedType.QUInt8)
        {
            throw new ArgumentException($"{GetType().Name}: PyTorch cannot reduce the range of symmetric quint8 quantization.");
        }
        Settings = settings;
        this.perChannel = perChannel;
        this.averagingConstant = (float?)averagingConstant;
    }

    public ObserverSettings Settings { get; }

    public void Observe(ReadOnlySpan<float> values, ReadOnlySpan<int> shape)
    {
        ObservedBatch.RequireShape(values, shape);
        if (values.IsEmpty)
        {
            return;
        }
        ChannelRanges batch = perChannel ? ChannelRanges.Of(values, shape) : ChannelRanges.Of(values, [1]);
        if (ranges is null)
        {
            ranges = batch;
            return;
        }
        ranges.RequireSameChannels(batch);
        for (int c = 0; c < ranges.Channels; c++)
        {
            ranges.Min[c] = averagingConstant is float a ? MovingAverage(ranges.Min[c], batch.Min[c], a) : Math.Min(batch.Min[c], ranges.Min[c]);
            ranges.Max[c] = averagingConstant is float b ? MovingAverage(ranges.Max[c], batch.Max[c], b) : Math.Max(batch.Max[c], ranges.Max[c]);
        }
    }

    public QuantizationParameters CalculateParameters()
    {
        if (ranges is null)
        {
            throw new CalibrationException($"the {GetType().Name} saw no values to calibrate from");
        }
        return perChannel
            ? QuantizationParameterMath.PerChannel(ranges.Min, ranges.Max, Settings)
            : QuantizationParameterMath.PerTensor(ranges.Min[0], ranges.Max[0], Settings);
    }

    /// <summary>
    /// The running (min, max) of a per-tensor observer, which its qparams are computed from whatever its settings, so one
    /// observer serves every setting.
    /// </summary>
    public (float Min, float Max) TensorRange()
    {
        if (perChannel)
        {
            throw new InvalidOperationException("a per-channel observer has one range per channel");
        }
        if (ranges is null)
        {
            throw new CalibrationException($"the {GetType().Name} saw no values to calibrate from");
        }
        return (ranges.Min[0], ranges.Max[0]);
    }

    private static float MovingAverage(float running, float batch, float averagingConstant)
    {
        float difference = batch - running;
        float step = averagingConstant * difference;
        return running + step;
    }
}
