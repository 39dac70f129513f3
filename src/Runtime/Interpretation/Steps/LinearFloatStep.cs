using Kws.Runtime.Kernels.Reference;
using Kws.Runtime.Manifest;

namespace Kws.Runtime.Interpretation.Steps;

internal sealed class LinearFloatStep : InterpreterStep
{
    private readonly float[] weights;
    private readonly float[] bias;
    private readonly bool relu;

    public LinearFloatStep(LinearLayer layer)
        : base(layer.Name, TensorKind.Float, layer.InFeatures, TensorKind.Float, layer.OutFeatures)
    {
        weights = layer.FloatWeights!;
        bias = layer.Bias;
        relu = layer.Relu;
    }

    public override void Run(ref StepBuffers io) => LinearFloatKernel.Run(io.FloatInput, weights, bias, relu, io.FloatOutput);
}
