using Kws.Runtime.Interpretation;

namespace Kws.Runtime.Layers;

/// <summary>
/// The interpreter's step for either average pool to length 1, on whichever kind flows in; the two differ only in the
/// kernel that rounds codes (<see cref="GlobalAvgPool1dKernel"/>, <see cref="AdaptiveAvgPool1dKernel"/>).
/// </summary>
internal sealed class AveragePoolToOneStep : InterpreterStep
{
    /// <summary>A kernel on codes: input, channels, zero point, output.</summary>
    public delegate void CodesKernel(ReadOnlySpan<byte> input, int channels, int zeroPoint, Span<byte> output);

    /// <summary>A kernel on floats: input, channels, output.</summary>
    public delegate void FloatKernel(ReadOnlySpan<float> input, int channels, Span<float> output);

    private readonly int channels;
    private readonly int zeroPoint;
    private readonly CodesKernel onCodes;
    private readonly FloatKernel onFloats;

    public AveragePoolToOneStep(AveragePoolToOneLayer layer, TensorKind kind, CodesKernel onCodes, FloatKernel onFloats)
        : base(layer.Name, kind, layer.Channels * layer.InputLength, kind, layer.Channels)
    {
        channels = layer.Channels;
        zeroPoint = layer.Quantization?.ZeroPoint ?? 0;
        this.onCodes = onCodes;
        this.onFloats = onFloats;
    }

    public override void Run(ref StepBuffers io)
    {
        if (InputKind == TensorKind.Byte)
        {
            onCodes(io.ByteInput, channels, zeroPoint, io.ByteOutput);
        }
        else
        {
            onFloats(io.FloatInput, channels, io.FloatOutput);
        }
    }
}
