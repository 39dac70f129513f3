namespace Kws.Compiler.Quantization;

/// <summary>
/// PyTorch's <c>MovingAverageMinMaxObserver</c>: the first batch sets the minimum and maximum, each later batch moves
/// them by <c>c * (batch - running)</c>, c = 0.01 by default.
/// </summary>
public sealed class MovingAverageMinMaxObserver(ObserverSettings settings, double averagingConstant = 0.01)
    : RangeObserver(settings, perChannel: false, averagingConstant);
