namespace Kws.Compiler.Quantization;

/// <summary>PyTorch's <c>MinMaxObserver</c>: the running minimum and maximum of every batch, per tensor.</summary>
public sealed class MinMaxObserver(ObserverSettings settings) : RangeObserver(settings, perChannel: false, averagingConstant: null);
