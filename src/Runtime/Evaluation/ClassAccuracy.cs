namespace Kws.Runtime.Evaluation;

/// <summary>How a model did on the clips of one label.</summary>
public sealed record ClassAccuracy(string Label, int Clips, int Correct)
{
    /// <summary>Fraction correct, or NaN for a label without clips.</summary>
    public double Accuracy => Clips == 0 ? double.NaN : (double)Correct / Clips;
}
