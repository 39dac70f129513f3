namespace Kws.Compiler.Quantization;

/// <summary>PyTorch's <c>PerChannelMinMaxObserver</c> with ch_axis=0: a running minimum and maximum per output channel.</summary>
public sealed class PerChannelMinMaxObserver(ObserverSettings settings) : RangeObserver(settings, perChannel: true, averagingConstant: null);
