using Kws.Runtime.Interpretation;
using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;

namespace Kws.Compiler.Analysis.Collectors;

/// <summary>
/// Compares one quantized model's traced tensors, dequantized, with the FP32 model's tensors of the same name, clip after
/// clip. The quantize step is compared with the raw input and the final log-softmax with the FP32 log-softmax ("output").
/// </summary>
public sealed class LayerErrorCollector
{
    public const string OutputName = "output";

    private readonly string model;
    private readonly IReadOnlyDictionary<string, ActivationQuantization> tensors;
    private readonly string? inputStep;
    private readonly List<(string Layer, ErrorAccumulator Errors)> layers = []; // in trace order

    public LayerErrorCollector(AnalysisModel quantized)
    {
        model = quantized.Name;
        tensors = QuantizedTensors.Of(quantized.Manifest);
        inputStep = QuantizedTensors.InputStep(quantized.Manifest);
    }

    public void Add(ReadOnlySpan<float> input, IReadOnlyList<LayerOutput> fp32Trace, IReadOnlyList<LayerOutput> quantizedTrace)
    {
        Dictionary<string, float[]> fp32 = fp32Trace.Where(o => o.Kind == TensorKind.Float).ToDictionary(o => o.Name, o => o.Values);
        foreach (LayerOutput output in quantizedTrace.Where(o => o.Kind == TensorKind.Byte))
        {
            ActivationQuantization q = tensors[output.Name];
            var values = new float[output.Codes.Length];
            DequantizeKernel.Run(output.Codes, (float)q.Scale, q.ZeroPoint, values);
            bool isInput = output.Name == inputStep;
            if (isInput || fp32.ContainsKey(output.Name))
            {
                Accumulator(output.Name).Add(isInput ? input : fp32[output.Name], values);
            }
        }
        Accumulator(OutputName).Add(fp32Trace[^1].Values, quantizedTrace[^1].Values);
    }

    public ModelComparison Result() => new(model, layers.Select(l => new LayerComparison(l.Layer, l.Errors.ToMetrics())).ToList());

    private ErrorAccumulator Accumulator(string name)
    {
        foreach ((string layer, ErrorAccumulator errors) in layers)
        {
            if (layer == name)
            {
                return errors;
            }
        }
        var added = new ErrorAccumulator();
        layers.Add((name, added));
        return added;
    }
}
