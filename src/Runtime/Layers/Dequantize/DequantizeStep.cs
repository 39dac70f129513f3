using Kws.Runtime.Interpretation;

namespace Kws.Runtime.Layers;

/// <summary>The interpreter's dequantize step.</summary>
internal sealed class DequantizeStep : InterpreterStep
{
    private readonly float scale;
    private readonly int zeroPoint;

    public DequantizeStep(DequantizeLayer layer)
        : base(layer.Name, TensorKind.Byte, layer.Channels * layer.Length, TensorKind.Float, layer.Channels * layer.Length)
    {
        scale = (float)layer.Input.Scale;
        zeroPoint = layer.Input.ZeroPoint;
    }

    public override void Run(ref StepBuffers io) => DequantizeKernel.Run(io.ByteInput, scale, zeroPoint, io.FloatOutput);
}
