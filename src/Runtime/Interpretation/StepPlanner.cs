using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;
using Kws.Runtime.Quantization;

namespace Kws.Runtime.Interpretation;

/// <summary>
/// Turns a validated manifest's layers into interpreter steps: the interpreter's <see cref="ILayerVisitor{TResult}"/>,
/// so a layer type the interpreter cannot run is a compile error here, not a run-time surprise. The manifest's engine
/// chooses the requantization constants and the average pools' rounding on codes.
/// </summary>
internal sealed class StepPlanner(KernelSet kernels, QuantizedEngine engine) : ILayerVisitor<InterpreterStep>
{
    public static InterpreterStep[] Plan(ModelManifest manifest, KernelSet kernels)
    {
        var planner = new StepPlanner(kernels, manifest.Engine);
        var steps = new InterpreterStep[manifest.Layers.Count];
        for (int i = 0; i < steps.Length; i++)
        {
            steps[i] = manifest.Layers[i].Accept(planner, manifest.Tensors[i]);
        }
        return steps;
    }

    public InterpreterStep Visit(QuantizeLayer layer, TensorSpec input) => new QuantizeStep(layer, kernels);

    public InterpreterStep Visit(Conv1dLayer layer, TensorSpec input) =>
        layer.IsQuantized ? new Conv1dInt8Step(layer, RequantizationPlan.For(layer, engine), kernels) : new Conv1dFloatStep(layer, kernels);

    public InterpreterStep Visit(MaxPool1dLayer layer, TensorSpec input) => new MaxPool1dStep(layer, KindOf(input));

    public InterpreterStep Visit(GlobalAvgPool1dLayer layer, TensorSpec input) =>
        new AveragePoolToOneStep(layer, KindOf(input), OnCodes(layer, GlobalAvgPool1dKernel.Run), GlobalAvgPool1dKernel.Run);

    public InterpreterStep Visit(AdaptiveAvgPool1dLayer layer, TensorSpec input) =>
        new AveragePoolToOneStep(layer, KindOf(input), OnCodes(layer, AdaptiveAvgPool1dKernel.Run), AdaptiveAvgPool1dKernel.Run);

    public InterpreterStep Visit(LinearLayer layer, TensorSpec input) =>
        layer.IsQuantized ? new LinearInt8Step(layer, RequantizationPlan.For(layer, engine), kernels) : new LinearFloatStep(layer, kernels);

    public InterpreterStep Visit(DequantizeLayer layer, TensorSpec input) => new DequantizeStep(layer);

    public InterpreterStep Visit(LogSoftmaxLayer layer, TensorSpec input) => new LogSoftmaxStep(layer);

    /// <summary>The pool's kernel on codes: its own onednn rule, or on qnnpack the one rule both pools share there.</summary>
    private AveragePoolToOneStep.CodesKernel OnCodes(AveragePoolToOneLayer layer, AveragePoolToOneStep.CodesKernel onednn)
    {
        if (engine != QuantizedEngine.Qnnpack || layer.Quantization is null)
        {
            return onednn;
        }
        float factor = QnnpackAveragePoolKernel.Factor(layer.Quantization.Scale, layer.InputLength);
        return (input, channels, zeroPoint, output) => QnnpackAveragePoolKernel.Run(input, channels, zeroPoint, factor, output);
    }

    private static TensorKind KindOf(TensorSpec tensor) => tensor.IsQuantized ? TensorKind.Byte : TensorKind.Float;
}
