namespace Kws.Runtime.Interpretation;

/// <summary>What one step reads and writes; only the spans of the step's own input and output kinds are set.</summary>
internal ref struct StepBuffers
{
    public ReadOnlySpan<float> FloatInput;
    public ReadOnlySpan<byte> ByteInput;
    public Span<float> FloatOutput;
    public Span<byte> ByteOutput;
}
