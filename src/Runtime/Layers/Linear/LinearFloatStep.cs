using Kws.Runtime.Interpretation;
using Kws.Runtime.Kernels;

namespace Kws.Runtime.Layers;

/// <summary>The interpreter's float32 Linear: the reference kernel, or the vectorized one with its packed weights.</summary>
internal sealed class LinearFloatStep : InterpreterStep
{
    private readonly float[] weights;
    private readonly float[] bias;
    private readonly bool relu;
    private readonly float[]? packed;
    private readonly float[]? sums;

    public LinearFloatStep(LinearLayer layer, KernelSet kernels)
        : base(layer.Name, TensorKind.Float, layer.InFeatures, TensorKind.Float, layer.OutFeatures)
    {
        weights = layer.FloatWeights!;
        bias = layer.Bias;
        relu = layer.Relu;
        if (kernels == KernelSet.Vectorized)
        {
            packed = FloatChannelSums.Pack(weights, layer.OutFeatures);
            sums = new float[FloatChannelSums.Padded(layer.OutFeatures)];
        }
    }

    public override int ScratchBytes => (sums?.Length ?? 0) * sizeof(float);

    public override void Run(ref StepBuffers io)
    {
        if (packed is not null)
        {
            LinearFloatKernel.RunVectorized(io.FloatInput, packed, bias, relu, io.FloatOutput, sums);
        }
        else
        {
            LinearFloatKernel.RunReference(io.FloatInput, weights, bias, relu, io.FloatOutput);
        }
    }
}
