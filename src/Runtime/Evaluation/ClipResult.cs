namespace Kws.Runtime.Evaluation;

/// <summary>One classified clip: its file, true and predicted labels, the top probability and the inference time.</summary>
public sealed record ClipResult(string File, string Expected, string Predicted, float Probability, double Microseconds)
{
    public bool Correct => Expected == Predicted;
}
