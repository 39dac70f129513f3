using Kws.Runtime.Kernels.Reference;
using Kws.Runtime.Manifest;

namespace Kws.Runtime.Interpretation.Steps;

internal sealed class LogSoftmaxStep : InterpreterStep
{
    public LogSoftmaxStep(LogSoftmaxLayer layer)
        : base(layer.Name, TensorKind.Float, layer.Length, TensorKind.Float, layer.Length)
    {
    }

    public override void Run(ref StepBuffers io) => LogSoftmaxKernel.Run(io.FloatInput, io.FloatOutput);
}
