namespace Kws.Host.Output;

/// <summary>The model's answer for one input file: every log-probability (label order) and the top labels.</summary>
internal sealed record Classification(string File, float[] LogProbs, RankedLabel[] Top)
{
    /// <summary>The top-1 label.</summary>
    public string Label => Top[0].Label;
}
