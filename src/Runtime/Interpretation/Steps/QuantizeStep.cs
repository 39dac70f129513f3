using Kws.Runtime.Kernels.Reference;
using Kws.Runtime.Manifest;

namespace Kws.Runtime.Interpretation.Steps;

internal sealed class QuantizeStep : InterpreterStep
{
    private readonly float inverseScale;
    private readonly int zeroPoint;
    private readonly bool vectorized;

    public QuantizeStep(QuantizeLayer layer, KernelSet kernels)
        : base(layer.Name, TensorKind.Float, layer.Channels * layer.Length, TensorKind.Byte, layer.Channels * layer.Length)
    {
        inverseScale = QuantizeKernel.InverseScale(layer.Output.Scale);
        zeroPoint = layer.Output.ZeroPoint;
        vectorized = kernels == KernelSet.Vectorized;
    }

    public override void Run(ref StepBuffers io)
    {
        if (vectorized)
        {
            Kernels.Vectorized.QuantizeKernel.Run(io.FloatInput, inverseScale, zeroPoint, io.ByteOutput);
        }
        else
        {
            QuantizeKernel.Run(io.FloatInput, inverseScale, zeroPoint, io.ByteOutput);
        }
    }
}
