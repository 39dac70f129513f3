using Kws.Runtime.Interpretation;

namespace Kws.Runtime.Layers;

/// <summary>The interpreter's float32 Linear.</summary>
internal sealed class LinearFloatStep : InterpreterStep
{
    private readonly float[] weights;
    private readonly float[] bias;
    private readonly bool relu;
    private readonly bool vectorized;

    public LinearFloatStep(LinearLayer layer, KernelSet kernels)
        : base(layer.Name, TensorKind.Float, layer.InFeatures, TensorKind.Float, layer.OutFeatures)
    {
        weights = layer.FloatWeights!;
        bias = layer.Bias;
        relu = layer.Relu;
        vectorized = kernels == KernelSet.Vectorized;
    }

    public override void Run(ref StepBuffers io)
    {
        if (vectorized)
        {
            LinearFloatKernel.RunVectorized(io.FloatInput, weights, bias, relu, io.FloatOutput);
        }
        else
        {
            LinearFloatKernel.RunReference(io.FloatInput, weights, bias, relu, io.FloatOutput);
        }
    }
}
