using Kws.Runtime.Interpretation;

namespace Kws.Runtime.Layers;

/// <summary>The interpreter's global average pooling on whichever kind flows in; quantized output keeps the input's scale and zero point.</summary>
internal sealed class GlobalAvgPool1dStep : InterpreterStep
{
    private readonly int channels;
    private readonly int zeroPoint;

    public GlobalAvgPool1dStep(GlobalAvgPool1dLayer layer, TensorKind kind)
        : base(layer.Name, kind, layer.Channels * layer.InputLength, kind, layer.Channels)
    {
        channels = layer.Channels;
        zeroPoint = layer.Quantization?.ZeroPoint ?? 0;
    }

    public override void Run(ref StepBuffers io)
    {
        if (InputKind == TensorKind.Byte)
        {
            GlobalAvgPool1dKernel.Run(io.ByteInput, channels, zeroPoint, io.ByteOutput);
        }
        else
        {
            GlobalAvgPool1dKernel.Run(io.FloatInput, channels, io.FloatOutput);
        }
    }
}
