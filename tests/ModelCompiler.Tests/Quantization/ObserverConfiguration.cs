using System.Text.Json;
using Kws.Compiler.Quantization;

namespace Kws.Compiler.Tests.Quantization;

/// <summary>One observer configuration of the reference grid, as PyTorch names it, and the C# observer that reproduces it.</summary>
public sealed record ObserverConfiguration(string Observer, string DType, string QScheme, bool ReduceRange)
{
    public static ObserverConfiguration Of(JsonElement element) => new(
        element.GetProperty("observer").GetString()!, element.GetProperty("dtype").GetString()!,
        element.GetProperty("qscheme").GetString()!, element.GetProperty("reduceRange").GetBoolean());

    public ObserverSettings Settings => new(
        DType == "quint8" ? QuantizedType.QUInt8 : QuantizedType.QInt8, QScheme.EndsWith("symmetric", StringComparison.Ordinal), ReduceRange);

    public bool PerChannel => QScheme.StartsWith("per_channel", StringComparison.Ordinal);

    /// <summary>The C# observer; ArgumentException where PyTorch refuses the configuration too.</summary>
    public IObserver Create() => (Observer, PerChannel) switch
    {
        ("MinMax", false) => new MinMaxObserver(Settings),
        ("MovingAverageMinMax", false) => new MovingAverageMinMaxObserver(Settings),
        ("PerChannelMinMax", true) => new PerChannelMinMaxObserver(Settings),
        ("MovingAveragePerChannelMinMax", true) => new MovingAveragePerChannelMinMaxObserver(Settings),
        ("Histogram", false) => new HistogramObserver(Settings),
        _ => throw new InvalidOperationException($"the reference names an observer the test does not know: {this}"),
    };

    public override string ToString() => $"{Observer} {DType} {QScheme}{(ReduceRange ? " reduce_range" : "")}";
}
