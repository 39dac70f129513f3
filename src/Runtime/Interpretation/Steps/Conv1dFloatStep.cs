using Kws.Runtime.Kernels;
using Kws.Runtime.Kernels.Reference;
using Kws.Runtime.Manifest;

namespace Kws.Runtime.Interpretation.Steps;

internal sealed class Conv1dFloatStep : InterpreterStep
{
    private readonly float[] weights;
    private readonly float[] bias;
    private readonly bool relu;
    private readonly Conv1dShape shape;
    private readonly bool vectorized;
    private readonly float[] column;

    public Conv1dFloatStep(Conv1dLayer layer, KernelSet kernels)
        : base(layer.Name, TensorKind.Float, layer.InChannels * layer.InputLength, TensorKind.Float, layer.OutChannels * layer.OutputLength)
    {
        weights = layer.FloatWeights!;
        bias = layer.Bias;
        relu = layer.Relu;
        shape = Conv1dShape.Of(layer);
        vectorized = kernels == KernelSet.Vectorized;
        column = new float[vectorized ? shape.WeightsPerChannel : 0];
    }

    public override int ScratchBytes => column.Length * sizeof(float);

    public override void Run(ref StepBuffers io)
    {
        if (vectorized)
        {
            Kernels.Vectorized.Conv1dFloatKernel.Run(io.FloatInput, weights, bias, relu, shape, io.FloatOutput, column);
        }
        else
        {
            Conv1dFloatKernel.Run(io.FloatInput, weights, bias, relu, shape, io.FloatOutput);
        }
    }
}
