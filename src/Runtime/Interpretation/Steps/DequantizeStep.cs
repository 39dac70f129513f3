using Kws.Runtime.Kernels.Reference;
using Kws.Runtime.Manifest;

namespace Kws.Runtime.Interpretation.Steps;

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
