namespace Kws.Compiler.Quantization.Evaluation;

/// <summary>The signal-to-quantization-noise ratio of one tensor against the float model's: 10 log10(sum x² / sum (x_q - x)²).</summary>
public sealed record LayerSqnr(string Layer, double Db);

/// <summary>
/// How one model did on a set of clips, next to the float model: top-1 accuracy on the labelled clips, how often it
/// picks the float model's class, the mean KL divergence of its output distribution from the float model's and the
/// mean negative log-likelihood of the true labels (both smooth where accuracy is coarse), and, when traced, the SQNR
/// of each quantized tensor against the float model's.
/// </summary>
public sealed record ModelEvaluation(
    int Correct, int Labelled, int Clips, int AgreesWithFloat, double MeanDivergence, double MeanNegativeLogLikelihood,
    IReadOnlyList<LayerSqnr> Layers)
{
    /// <summary>Top-1 accuracy in percent on the labelled clips (NaN without any).</summary>
    public double Accuracy => Labelled == 0 ? double.NaN : 100.0 * Correct / Labelled;

    /// <summary>Percent of all clips on which it picks the float model's class.</summary>
    public double Agreement => 100.0 * AgreesWithFloat / Clips;

    /// <summary>
    /// The order of sweeps and searches, best first: more correct answers, then the output closer to the float model's;
    /// negative when <paramref name="a"/> is better. Equal scores compare equal (a stable sort keeps the given order).
    /// </summary>
    public static int Better(ModelEvaluation a, ModelEvaluation b)
    {
        int byCorrect = b.Correct.CompareTo(a.Correct);
        return byCorrect != 0 ? byCorrect : a.MeanDivergence.CompareTo(b.MeanDivergence);
    }
}
