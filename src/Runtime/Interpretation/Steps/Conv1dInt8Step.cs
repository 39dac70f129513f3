using Kws.Runtime.Kernels;
using Kws.Runtime.Kernels.Reference;
using Kws.Runtime.Manifest;
using Kws.Runtime.Quantization;

namespace Kws.Runtime.Interpretation.Steps;

internal sealed class Conv1dInt8Step : InterpreterStep
{
    private readonly sbyte[] weights;
    private readonly RequantizationPlan plan;
    private readonly Conv1dShape shape;

    public Conv1dInt8Step(Conv1dLayer layer)
        : base(layer.Name, TensorKind.Byte, layer.InChannels * layer.InputLength, TensorKind.Byte, layer.OutChannels * layer.OutputLength)
    {
        weights = layer.Int8Weights!;
        plan = RequantizationPlan.For(layer);
        shape = Conv1dShape.Of(layer);
    }

    public override void Run(ref StepBuffers io) => Conv1dInt8Kernel.Run(io.ByteInput, weights, plan, shape, io.ByteOutput);
}
