using Kws.Runtime.Evaluation;

namespace Kws.Compiler.Quantization.Evaluation;

/// <summary>
/// What <see cref="ModelEvaluation"/> sums, for a run of consecutive clips: partial scores of fixed runs of clips are
/// added in clip order, so the doubles come out the same however many cores ran them.
/// </summary>
internal sealed class ModelScore
{
    private readonly List<(string Layer, double Signal, double Noise)> layers = [];
    private int correct, labelled, clips, agrees;
    private double divergence, negativeLogLikelihood;

    /// <summary>One clip's output (log-probabilities) next to the float model's, and its label index (-1: none).</summary>
    public void AddOutput(ReadOnlySpan<float> logProbs, ReadOnlySpan<float> floatLogProbs, int label)
    {
        int predicted = FolderEvaluator.ArgMax(logProbs);
        clips++;
        agrees += predicted == FolderEvaluator.ArgMax(floatLogProbs) ? 1 : 0;
        double kl = 0;
        for (int c = 0; c < logProbs.Length; c++)
        {
            double p = Math.Exp(floatLogProbs[c]);
            kl += p * ((double)floatLogProbs[c] - logProbs[c]);
        }
        divergence += kl;
        if (label >= 0)
        {
            labelled++;
            correct += predicted == label ? 1 : 0;
            negativeLogLikelihood -= logProbs[label];
        }
    }

    /// <summary>One tensor of one clip: the model's values (dequantized) against the float model's.</summary>
    public void AddLayer(string layer, ReadOnlySpan<float> values, ReadOnlySpan<float> reference)
    {
        double signal = 0, noise = 0;
        for (int i = 0; i < values.Length; i++)
        {
            double r = reference[i], e = values[i] - r;
            signal += r * r;
            noise += e * e;
        }
        Accumulate(layer, signal, noise);
    }

    public void Add(ModelScore other)
    {
        correct += other.correct;
        labelled += other.labelled;
        clips += other.clips;
        agrees += other.agrees;
        divergence += other.divergence;
        negativeLogLikelihood += other.negativeLogLikelihood;
        foreach ((string layer, double signal, double noise) in other.layers)
        {
            Accumulate(layer, signal, noise);
        }
    }

    private void Accumulate(string layer, double signal, double noise)
    {
        int at = layers.FindIndex(l => l.Layer == layer);
        if (at < 0)
        {
            layers.Add((layer, signal, noise));
        }
        else
        {
            layers[at] = (layer, layers[at].Signal + signal, layers[at].Noise + noise);
        }
    }

    public ModelEvaluation Result() => new(correct, labelled, clips, agrees, clips == 0 ? 0 : divergence / clips,
        labelled == 0 ? double.NaN : negativeLogLikelihood / labelled,
        layers.Select(l => new LayerSqnr(l.Layer, l.Noise == 0 ? double.PositiveInfinity : 10 * Math.Log10(l.Signal / l.Noise))).ToList());
}
