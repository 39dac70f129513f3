namespace Kws.Runtime.Interpretation;

/// <summary>
/// One layer made ready to run (TFLite Micro's Prepare done at construction): shapes, constants and the kernel to call.
/// <see cref="Run"/> allocates nothing.
/// </summary>
internal abstract class InterpreterStep
{
    protected InterpreterStep(string name, TensorKind inputKind, int inputElements, TensorKind outputKind, int outputElements)
    {
        Name = name;
        InputKind = inputKind;
        InputElements = inputElements;
        OutputKind = outputKind;
        OutputElements = outputElements;
    }

    public string Name { get; }
    public TensorKind InputKind { get; }
    public int InputElements { get; }
    public TensorKind OutputKind { get; }
    public int OutputElements { get; }

    /// <summary>Bytes of working memory the step keeps besides the activations (im2col columns, accumulators).</summary>
    public virtual int ScratchBytes => 0;

    public abstract void Run(ref StepBuffers io);
}
