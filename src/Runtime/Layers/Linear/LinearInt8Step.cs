using Kws.Runtime.Interpretation;
using Kws.Runtime.Quantization;

namespace Kws.Runtime.Layers;

/// <summary>The interpreter's int8 Linear: the requantization plan of the manifest's engine, prepared once.</summary>
internal sealed class LinearInt8Step : InterpreterStep
{
    private readonly sbyte[] weights;
    private readonly RequantizationPlan plan;
    private readonly bool vectorized;
    private readonly int[] accumulators;

    public LinearInt8Step(LinearLayer layer, RequantizationPlan plan, KernelSet kernels)
        : base(layer.Name, TensorKind.Byte, layer.InFeatures, TensorKind.Byte, layer.OutFeatures)
    {
        weights = layer.Int8Weights!;
        this.plan = plan;
        vectorized = kernels == KernelSet.Vectorized;
        accumulators = new int[vectorized ? layer.OutFeatures : 0];
    }

    public override int ScratchBytes => accumulators.Length * sizeof(int);

    public override void Run(ref StepBuffers io)
    {
        if (vectorized)
        {
            LinearInt8Kernel.RunVectorized(io.ByteInput, weights, plan, OutputElements, io.ByteOutput, accumulators);
        }
        else
        {
            LinearInt8Kernel.RunReference(io.ByteInput, weights, plan, OutputElements, io.ByteOutput);
        }
    }
}
