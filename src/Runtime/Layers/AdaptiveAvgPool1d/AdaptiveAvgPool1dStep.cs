using Kws.Runtime.Interpretation;

namespace Kws.Runtime.Layers;

/// <summary>The interpreter's adaptive average pooling (output size 1) on whichever kind flows in.</summary>
internal sealed class AdaptiveAvgPool1dStep : InterpreterStep
{
    private readonly int channels;
    private readonly int zeroPoint;

    public AdaptiveAvgPool1dStep(AdaptiveAvgPool1dLayer layer, TensorKind kind)
        : base(layer.Name, kind, layer.Channels * layer.InputLength, kind, layer.Channels)
    {
        channels = layer.Channels;
        zeroPoint = layer.Quantization?.ZeroPoint ?? 0;
    }

    public override void Run(ref StepBuffers io)
    {
        if (InputKind == TensorKind.Byte)
        {
            AdaptiveAvgPool1dKernel.Run(io.ByteInput, channels, zeroPoint, io.ByteOutput);
        }
        else
        {
            AdaptiveAvgPool1dKernel.Run(io.FloatInput, channels, io.FloatOutput);
        }
    }
}
