using Kws.Runtime.Manifest;

namespace Kws.Runtime.Interpretation.Steps;

/// <summary>Turns a validated manifest's layers into steps, tracking whether codes or floats flow between them.</summary>
internal static class StepPlanner
{
    public static InterpreterStep[] Plan(ModelManifest manifest, KernelSet kernels)
    {
        var steps = new InterpreterStep[manifest.Layers.Count];
        TensorKind kind = TensorKind.Float;
        for (int i = 0; i < steps.Length; i++)
        {
            LayerSpec layer = manifest.Layers[i];
            steps[i] = layer switch
            {
                QuantizeLayer q => new QuantizeStep(q, kernels),
                DequantizeLayer d => new DequantizeStep(d),
                Conv1dLayer c when c.IsQuantized => new Conv1dInt8Step(c, kernels),
                Conv1dLayer c => new Conv1dFloatStep(c, kernels),
                LinearLayer l when l.IsQuantized => new LinearInt8Step(l, kernels),
                LinearLayer l => new LinearFloatStep(l, kernels),
                MaxPool1dLayer p => new MaxPool1dStep(p, kind),
                GlobalAvgPool1dLayer a => new GlobalAvgPool1dStep(a, kind),
                LogSoftmaxLayer s => new LogSoftmaxStep(s),
                _ => throw new ManifestValidationException($"layer {i} \"{layer.Name}\": the interpreter has no kernel for op \"{layer.Op}\"", i),
            };
            kind = steps[i].OutputKind;
        }
        return steps;
    }
}
