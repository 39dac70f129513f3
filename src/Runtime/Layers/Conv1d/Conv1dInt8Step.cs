using Kws.Runtime.Interpretation;
using Kws.Runtime.Quantization;

namespace Kws.Runtime.Layers;

/// <summary>The interpreter's int8 Conv1d: the requantization plan of the manifest's engine, prepared once, then the reference or vectorized kernel.</summary>
internal sealed class Conv1dInt8Step : InterpreterStep
{
    private readonly sbyte[] weights;
    private readonly RequantizationPlan plan;
    private readonly Conv1dShape shape;
    private readonly bool vectorized;
    private readonly byte[] column;
    private readonly int[] accumulators;
    private readonly byte[] codes;

    public Conv1dInt8Step(Conv1dLayer layer, RequantizationPlan plan, KernelSet kernels)
        : base(layer.Name, TensorKind.Byte, layer.InChannels * layer.InputLength, TensorKind.Byte, layer.OutChannels * layer.OutputLength)
    {
        weights = layer.Int8Weights!;
        this.plan = plan;
        shape = Conv1dShape.Of(layer);
        vectorized = kernels == KernelSet.Vectorized;
        column = new byte[vectorized ? shape.WeightsPerChannel : 0];
        accumulators = new int[vectorized ? shape.OutChannels : 0];
        codes = new byte[vectorized ? shape.OutChannels : 0];
    }

    public override int ScratchBytes => column.Length + accumulators.Length * sizeof(int) + codes.Length;

    public override void Run(ref StepBuffers io)
    {
        if (vectorized)
        {
            Conv1dInt8Kernel.RunVectorized(io.ByteInput, weights, plan, shape, io.ByteOutput, column, accumulators, codes);
        }
        else
        {
            Conv1dInt8Kernel.RunReference(io.ByteInput, weights, plan, shape, io.ByteOutput);
        }
    }
}
