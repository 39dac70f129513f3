namespace Kws.Compiler.Quantization;

/// <summary>
/// PyTorch's <c>MovingAveragePerChannelMinMaxObserver</c> with ch_axis=0: per output channel, the first batch sets the
/// range and each later batch moves it by <c>c * (batch - running)</c>, c = 0.01 by default.
/// </summary>
public sealed class MovingAveragePerChannelMinMaxObserver(ObserverSettings settings, double averagingConstant = 0.01)
    : RangeObserver(settings, perChannel: true, averagingConstant);
