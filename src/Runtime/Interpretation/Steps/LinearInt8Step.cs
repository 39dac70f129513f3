using Kws.Runtime.Kernels.Reference;
using Kws.Runtime.Manifest;
using Kws.Runtime.Quantization;

namespace Kws.Runtime.Interpretation.Steps;

internal sealed class LinearInt8Step : InterpreterStep
{
    private readonly sbyte[] weights;
    private readonly RequantizationPlan plan;

    public LinearInt8Step(LinearLayer layer)
        : base(layer.Name, TensorKind.Byte, layer.InFeatures, TensorKind.Byte, layer.OutFeatures)
    {
        weights = layer.Int8Weights!;
        plan = RequantizationPlan.For(layer);
    }

    public override void Run(ref StepBuffers io) => LinearInt8Kernel.Run(io.ByteInput, weights, plan, OutputElements, io.ByteOutput);
}
