using Kws.Runtime.Interpretation;
using Kws.Runtime.Quantization;

namespace Kws.Runtime.Layers;

/// <summary>The interpreter's quantize step: the inverse scale taken once, as PyTorch does.</summary>
internal sealed class QuantizeStep : InterpreterStep
{
    private readonly float inverseScale;
    private readonly int zeroPoint;
    private readonly bool vectorized;

    public QuantizeStep(QuantizeLayer layer, KernelSet kernels)
        : base(layer.Name, TensorKind.Float, layer.Channels * layer.Length, TensorKind.Byte, layer.Channels * layer.Length)
    {
        inverseScale = Quantizer.InverseScale(layer.Output.Scale);
        zeroPoint = layer.Output.ZeroPoint;
        vectorized = kernels == KernelSet.Vectorized;
    }

    public override void Run(ref StepBuffers io)
    {
        if (vectorized)
        {
            QuantizeKernel.RunVectorized(io.FloatInput, inverseScale, zeroPoint, io.ByteOutput);
        }
        else
        {
            QuantizeKernel.RunReference(io.FloatInput, inverseScale, zeroPoint, io.ByteOutput);
        }
    }
}
