using Kws.Runtime.Interpretation;
using Kws.Runtime.Kernels;

namespace Kws.Runtime.Layers;

/// <summary>
/// The interpreter's float32 Conv1d: the reference kernel, or the vectorized one with its packed weights, im2col column
/// and one sum per padded output channel.
/// </summary>
internal sealed class Conv1dFloatStep : InterpreterStep
{
    private readonly float[] weights;
    private readonly float[] bias;
    private readonly bool relu;
    private readonly Conv1dShape shape;
    private readonly float[]? column;
    private readonly float[]? packed;
    private readonly float[]? sums;

    public Conv1dFloatStep(Conv1dLayer layer, KernelSet kernels)
        : base(layer.Name, TensorKind.Float, layer.InChannels * layer.InputLength, TensorKind.Float, layer.OutChannels * layer.OutputLength)
    {
        weights = layer.FloatWeights!;
        bias = layer.Bias;
        relu = layer.Relu;
        shape = Conv1dShape.Of(layer);
        if (kernels == KernelSet.Vectorized)
        {
            column = new float[shape.WeightsPerChannel];
            packed = FloatChannelSums.Pack(weights, shape.OutChannels);
            sums = new float[FloatChannelSums.Padded(shape.OutChannels)];
        }
    }

    public override int ScratchBytes => ((column?.Length ?? 0) + (sums?.Length ?? 0)) * sizeof(float);

    public override void Run(ref StepBuffers io)
    {
        if (column is not null)
        {
            Conv1dFloatKernel.RunVectorized(io.FloatInput, packed, bias, relu, shape, io.FloatOutput, column, sums);
        }
        else
        {
            Conv1dFloatKernel.RunReference(io.FloatInput, weights, bias, relu, shape, io.FloatOutput);
        }
    }
}
