namespace Kws.Compiler.Quantization.Conversion;

/// <summary>
/// How a weight's range is chosen: one of PyTorch's observers (the seed's grid has all three; a moving average observes
/// a weight once, so it equals MinMax), or kwsc's MSE-optimal clipping.
/// </summary>
public enum WeightRange
{
    MinMax,
    MovingAverage,
    Histogram,
    Mse,
}

/// <summary>
/// How a layer's weights become qint8: per output channel or per tensor, symmetric or affine, and the observer or
/// method that picks the range (PyTorch's PerChannelMinMaxObserver, MinMaxObserver, ... or kwsc's least squared error).
/// </summary>
public sealed record WeightRecipe(bool PerChannel, bool Symmetric, WeightRange Range = WeightRange.MinMax)
{
    /// <summary>Clipping candidates of the MSE search: the extremes times k / 200 for k = 200 down to 100.</summary>
    private const int MseSteps = 200;

    /// <summary>PyTorch's <c>get_default_qconfig('x86')</c> weights: PerChannelMinMaxObserver, qint8, per_channel_symmetric.</summary>
    public static WeightRecipe X86Default { get; } = new(PerChannel: true, Symmetric: true);

    public ObserverSettings Settings => new(QuantizedType.QInt8, Symmetric);

    /// <summary>"minmax per_channel_symmetric", "histogram per_tensor_affine", "mse per_channel_symmetric".</summary>
    public string Name
    {
        get
        {
            string range = Range switch
            {
                WeightRange.MinMax => "minmax",
                WeightRange.MovingAverage => "moving-average",
                WeightRange.Histogram => "histogram",
                _ => "mse",
            };
            return $"{range} {(PerChannel ? "per_channel" : "per_tensor")}_{(Symmetric ? "symmetric" : "affine")}";
        }
    }

    /// <summary>Why these weights cannot be made (as PyTorch says) or run (kwsc's engines), or null.</summary>
    public string? Problem => Range == WeightRange.Histogram && PerChannel
        ? "HistogramObserver's qscheme only support torch.per_tensor_symmetric and torch.per_tensor_affine (PyTorch)"
        : Symmetric
            ? null
            : "affine int8 weights have non-zero zero points, which neither kwsc's engines nor PyTorch's onednn engine run";

    /// <summary>The qparams of a [channels, ...] weight tensor.</summary>
    public QuantizationParameters Choose(float[] weights, int channels)
    {
        int[] shape = PerChannel ? [channels, weights.Length / channels] : [weights.Length];
        IObserver observer = (Range, PerChannel) switch
        {
            (WeightRange.MovingAverage, true) => new MovingAveragePerChannelMinMaxObserver(Settings),
            (WeightRange.MovingAverage, false) => new MovingAverageMinMaxObserver(Settings),
            (WeightRange.Histogram, false) => new HistogramObserver(Settings),
            (WeightRange.Histogram, true) => throw new ArgumentException(Problem),
            (_, true) => new PerChannelMinMaxObserver(Settings),
            (_, false) => new MinMaxObserver(Settings),
        };
        observer.Observe(weights, shape);
        QuantizationParameters parameters = observer.CalculateParameters();
        return Range == WeightRange.Mse ? LeastSquaredError(weights, parameters) : parameters;
    }

    public override string ToString() => Name;

    /// <summary>Per channel (or for the whole tensor), the clipped range whose quantized weights are closest to the float ones.</summary>
    private QuantizationParameters LeastSquaredError(float[] weights, QuantizationParameters extremes)
    {
        int groups = extremes.Scales.Length;
        int size = weights.Length / groups;
        var scales = new float[groups];
        var zeroPoints = new int[groups];
        for (int g = 0; g < groups; g++)
        {
            ReadOnlySpan<float> group = weights.AsSpan(g * size, size);
            float min = 0, max = 0;
            foreach (float w in group)
            {
                (min, max) = (Math.Min(min, w), Math.Max(max, w));
            }
            double bestError = double.PositiveInfinity;
            for (int k = MseSteps; k >= MseSteps / 2; k--)
            {
                float low = (float)((double)min * k / MseSteps), high = (float)((double)max * k / MseSteps);
                (float scale, int zeroPoint) = QuantizationParameterMath.Calculate(low, high, Settings);
                double error = SquaredError(group, scale, zeroPoint);
                if (error < bestError)
                {
                    (bestError, scales[g], zeroPoints[g]) = (error, scale, zeroPoint);
                }
            }
        }
        return extremes with { Scales = scales, ZeroPoints = zeroPoints };
    }

    private static double SquaredError(ReadOnlySpan<float> weights, float scale, int zeroPoint)
    {
        float inverse = 1f / scale;
        double error = 0;
        foreach (float w in weights)
        {
            double e = w - WeightQuantizer.Dequantize(WeightQuantizer.Code(w, inverse, zeroPoint), scale, zeroPoint);
            error += e * e;
        }
        return error;
    }
}
