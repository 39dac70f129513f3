using Kws.Runtime.Interpretation;
using Kws.Runtime.Manifest;

namespace Kws.Compiler.Analysis.Collectors;

/// <summary>
/// Watches the FP32 model's values at every tensor the quantized models quantize (the input for the quantize step), clip
/// after clip: the range seen, a histogram, and how many values each quantized model's range cannot hold. A value is
/// clipped when it would round past code 0 or 255: below scale·(−0.5 − zp) or above scale·(255.5 − zp).
/// </summary>
public sealed class ActivationRangeCollector
{
    private const int Bins = 80;
    private readonly IReadOnlyList<AnalysisModel> models;
    private readonly List<Tensor> tensors = [];
    private readonly string? inputStep;

    public ActivationRangeCollector(IReadOnlyList<AnalysisModel> quantizedModels)
    {
        models = quantizedModels;
        if (models.Count == 0)
        {
            return;
        }
        inputStep = QuantizedTensors.InputStep(models[0].Manifest);
        List<IReadOnlyDictionary<string, ActivationQuantization>> maps = models.Select(m => QuantizedTensors.Of(m.Manifest)).ToList();
        // The tensors every model quantizes, in the first model's order; histograms span all of their ranges.
        foreach (string name in maps[0].Keys.Where(name => maps.All(m => m.ContainsKey(name))))
        {
            ActivationQuantization[] ranges = maps.Select(m => m[name]).ToArray();
            double low = ranges.Min(Lowest), high = ranges.Max(Highest), margin = (high - low) / 4;
            tensors.Add(new Tensor(name, ranges, new Histogram(low - margin, high + margin, Bins)));
        }
    }

    /// <param name="input">The model input (what the quantize step sees).</param>
    /// <param name="fp32Trace">The FP32 model's traced outputs for the same clip.</param>
    public void Add(ReadOnlySpan<float> input, IReadOnlyList<LayerOutput> fp32Trace)
    {
        foreach (Tensor tensor in tensors)
        {
            tensor.Add(tensor.Name == inputStep ? input : fp32Trace.FirstOrDefault(o => o.Name == tensor.Name)?.Values);
        }
    }

    public IReadOnlyList<ModelActivationRanges> Result() => models.Select((model, m) => new ModelActivationRanges(model.Name,
        tensors.Where(t => t.Count > 0).Select(t => new ActivationRange(t.Name, t.SeenMin, t.SeenMax, Lowest(t.Ranges[m]), Highest(t.Ranges[m]),
            (double)t.Clipped[m] / t.Count, t.Values)).ToList())).ToList();

    private static double Lowest(ActivationQuantization q) => q.Scale * (0 - q.ZeroPoint);

    private static double Highest(ActivationQuantization q) => q.Scale * (255 - q.ZeroPoint);

    private sealed class Tensor(string name, ActivationQuantization[] ranges, Histogram values)
    {
        public string Name => name;
        public ActivationQuantization[] Ranges => ranges;
        public Histogram Values => values;
        public long[] Clipped { get; } = new long[ranges.Length];
        public long Count { get; private set; }
        public double SeenMin { get; private set; } = double.PositiveInfinity;
        public double SeenMax { get; private set; } = double.NegativeInfinity;

        public void Add(ReadOnlySpan<float> seen)
        {
            foreach (float v in seen)
            {
                SeenMin = Math.Min(SeenMin, v);
                SeenMax = Math.Max(SeenMax, v);
                values.Add(v);
                for (int m = 0; m < ranges.Length; m++)
                {
                    ActivationQuantization q = ranges[m];
                    if (v < q.Scale * (-0.5 - q.ZeroPoint) || v > q.Scale * (255.5 - q.ZeroPoint))
                    {
                        Clipped[m]++;
                    }
                }
            }
            Count += seen.Length;
        }
    }
}
