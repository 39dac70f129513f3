using System.Globalization;
using Kws.Compiler.Quantization.Calibration;

namespace Kws.Compiler.Quantization.Ranges;

/// <summary>
/// How one activation's quint8 quantizer is chosen: a method, PyTorch's observer settings (affine or symmetric,
/// reduce_range; the scale and zero point follow PyTorch's <c>_calculate_qparams</c> from the chosen range), and the
/// percentile for <see cref="ActivationMethod.Percentile"/>.
/// </summary>
public sealed record ActivationRecipe(ActivationMethod Method, ObserverSettings Settings, double Percentile = ActivationRecipe.DefaultPercentile)
{
    public const double DefaultPercentile = 99.99;

    /// <summary>PyTorch's <c>get_default_qconfig('x86')</c> activations: HistogramObserver, quint8 affine, reduce_range.</summary>
    public static ActivationRecipe X86Default { get; } = new(ActivationMethod.Histogram, ObserverSettings.X86Activations);

    /// <summary>True for the methods PyTorch's eager mode has; false for kwsc's own.</summary>
    public bool IsPyTorchObserver => Method is ActivationMethod.MinMax or ActivationMethod.MovingAverage or ActivationMethod.Histogram;

    /// <summary>Why PyTorch (and so kwsc) refuses this recipe, or null when it is valid.</summary>
    public string? Problem => Settings.Type != QuantizedType.QUInt8
        ? "activations are quint8 in the engines"
        : Method is ActivationMethod.MinMax or ActivationMethod.MovingAverage && Settings.Symmetric && Settings.ReduceRange
            ? $"PyTorch's {Method} observers refuse symmetric quint8 with reduce_range"
            : null;

    /// <summary>"histogram affine reduce_range", "percentile 99.99 affine", "mse symmetric".</summary>
    public string Name
    {
        get
        {
            string method = Method switch
            {
                ActivationMethod.MinMax => "minmax",
                ActivationMethod.MovingAverage => "moving-average",
                ActivationMethod.Histogram => "histogram",
                ActivationMethod.Percentile => "percentile " + Percentile.ToString("0.####", CultureInfo.InvariantCulture),
                ActivationMethod.Mse => "mse",
                _ => "entropy",
            };
            return $"{method} {(Settings.Symmetric ? "symmetric" : "affine")}{(Settings.ReduceRange ? " reduce_range" : "")}";
        }
    }

    /// <summary>The range this recipe picks for a tensor; the quantizer is <see cref="QuantizationParameterMath.PerTensor"/> of it.</summary>
    public (float Min, float Max) Range(TensorStatistics statistics) => Method switch
    {
        ActivationMethod.MinMax => statistics.MinMax.TensorRange(),
        ActivationMethod.MovingAverage => statistics.MovingAverage.TensorRange(),
        ActivationMethod.Histogram => statistics.Histogram.SearchRange(),
        ActivationMethod.Percentile => PercentileRange.Choose(Histogram(statistics), Percentile),
        ActivationMethod.Mse => MseRange.Choose(Histogram(statistics), Settings),
        _ => EntropyRange.Choose(Histogram(statistics), Settings),
    };

    public QuantizationParameters Choose(TensorStatistics statistics)
    {
        if (Problem is string problem)
        {
            throw new ArgumentException($"activations {Name}: {problem}");
        }
        (float min, float max) = Range(statistics);
        return QuantizationParameterMath.PerTensor(min, max, Settings);
    }

    private ActivationHistogram Histogram(TensorStatistics statistics) => statistics.Fine
        ?? throw new InvalidOperationException($"activations {Name} need calibration's histograms, which were not built");

    public override string ToString() => Name;
}
