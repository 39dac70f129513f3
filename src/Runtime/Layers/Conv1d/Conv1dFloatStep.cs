using Kws.Runtime.Interpretation;

namespace Kws.Runtime.Layers;

/// <summary>The interpreter's float32 Conv1d: the reference kernel, or the vectorized one with its im2col column.</summary>
internal sealed class Conv1dFloatStep : InterpreterStep
{
    private readonly float[] weights;
    private readonly float[] bias;
    private readonly bool relu;
    private readonly Conv1dShape shape;
    private readonly float[]? column;

    public Conv1dFloatStep(Conv1dLayer layer, KernelSet kernels)
        : base(layer.Name, TensorKind.Float, layer.InChannels * layer.InputLength, TensorKind.Float, layer.OutChannels * layer.OutputLength)
    {
        weights = layer.FloatWeights!;
        bias = layer.Bias;
        relu = layer.Relu;
        shape = Conv1dShape.Of(layer);
        column = kernels == KernelSet.Vectorized ? new float[shape.WeightsPerChannel] : null;
    }

    public override int ScratchBytes => (column?.Length ?? 0) * sizeof(float);

    public override void Run(ref StepBuffers io)
    {
        if (column is not null)
        {
            Conv1dFloatKernel.RunVectorized(io.FloatInput, weights, bias, relu, shape, io.FloatOutput, column);
        }
        else
        {
            Conv1dFloatKernel.RunReference(io.FloatInput, weights, bias, relu, shape, io.FloatOutput);
        }
    }
}
