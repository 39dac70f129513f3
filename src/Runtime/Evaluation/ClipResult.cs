namespace Kws.Runtime.Evaluation;

/// <summary>One classified clip: its file, true and predicted labels, the top probability and the inference time.</summary>
public sealed record ClipResult(string File, string Expected, string Predicted, float Probability, double Microseconds)
{
    /// <summary>Whether the model predicted the expected label.</summary>
    public bool Correct => Expected == Predicted;
}
