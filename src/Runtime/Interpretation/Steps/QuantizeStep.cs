using Kws.Runtime.Kernels.Reference;
using Kws.Runtime.Manifest;

namespace Kws.Runtime.Interpretation.Steps;

internal sealed class QuantizeStep : InterpreterStep
{
    private readonly float inverseScale;
    private readonly int zeroPoint;

    public QuantizeStep(QuantizeLayer layer)
        : base(layer.Name, TensorKind.Float, layer.Channels * layer.Length, TensorKind.Byte, layer.Channels * layer.Length)
    {
        inverseScale = QuantizeKernel.InverseScale(layer.Output.Scale);
        zeroPoint = layer.Output.ZeroPoint;
    }

    public override void Run(ref StepBuffers io) => QuantizeKernel.Run(io.FloatInput, inverseScale, zeroPoint, io.ByteOutput);
}
