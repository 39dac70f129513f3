namespace Kws.Runtime.Evaluation;

/// <summary>
/// The seed's table for one model over a labelled folder: accuracy, per-class accuracy, the confusion matrix
/// (rows: true label, columns: predicted, in label order), per-inference latency (model only, not WAV decoding) and size.
/// </summary>
public sealed record EvaluationReport(
    string Model,
    string SimdPath,
    IReadOnlyList<string> Labels,
    IReadOnlyList<ClipResult> Clips,
    IReadOnlyList<ClassAccuracy> PerClass,
    int[,] Confusion,
    double MedianMicroseconds,
    double MeanMicroseconds,
    double P95Microseconds,
    long WeightBytes,
    int ScratchBytes)
{
    /// <summary>Clips whose prediction was right.</summary>
    public int Correct => Clips.Count(c => c.Correct);

    /// <summary>Fraction of clips predicted right, NaN when there were none.</summary>
    public double Accuracy => Clips.Count == 0 ? double.NaN : (double)Correct / Clips.Count;
}
