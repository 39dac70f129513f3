using Kws.Runtime.Interpretation;

namespace Kws.Runtime.Layers;

/// <summary>The interpreter's MaxPool1d, on whichever kind flows in: uint8 codes in int8 blocks, floats elsewhere.</summary>
internal sealed class MaxPool1dStep : InterpreterStep
{
    private readonly MaxPool1dLayer layer;

    public MaxPool1dStep(MaxPool1dLayer layer, TensorKind kind)
        : base(layer.Name, kind, layer.Channels * layer.InputLength, kind, layer.Channels * layer.OutputLength)
    {
        this.layer = layer;
    }

    public override void Run(ref StepBuffers io)
    {
        if (InputKind == TensorKind.Byte)
        {
            MaxPool1dKernel.Run(io.ByteInput, layer.Channels, layer.InputLength, layer.KernelSize, layer.Stride, io.ByteOutput);
        }
        else
        {
            MaxPool1dKernel.Run(io.FloatInput, layer.Channels, layer.InputLength, layer.KernelSize, layer.Stride, io.FloatOutput);
        }
    }
}
