using Kws.Runtime.Interpretation;

namespace Kws.Runtime.Layers;

/// <summary>The interpreter's log-softmax step.</summary>
internal sealed class LogSoftmaxStep : InterpreterStep
{
    public LogSoftmaxStep(LogSoftmaxLayer layer)
        : base(layer.Name, TensorKind.Float, layer.Length, TensorKind.Float, layer.Length)
    {
    }

    public override void Run(ref StepBuffers io) => LogSoftmaxKernel.Run(io.FloatInput, io.FloatOutput);
}
