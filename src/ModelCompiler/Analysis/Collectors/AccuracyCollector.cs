using Kws.Runtime.Evaluation;

namespace Kws.Compiler.Analysis.Collectors;

/// <summary>Counts one model's top-1 hits on labelled clips into a confusion matrix (rows: true label, columns: predicted).</summary>
public sealed class AccuracyCollector
{
    private readonly string model;
    private readonly string kind;
    private readonly IReadOnlyList<string> labels;
    private readonly Dictionary<string, int> labelIndex;
    private readonly int[][] confusion;
    private int correct, total;

    public AccuracyCollector(string model, string kind, IReadOnlyList<string> labels)
    {
        this.model = model;
        this.kind = kind;
        this.labels = labels;
        labelIndex = labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i);
        confusion = labels.Select(_ => new int[labels.Count]).ToArray();
    }

    /// <summary>Counts a clip if its label is one of the model's; unlabelled clips are ignored.</summary>
    public void Add(string? label, ReadOnlySpan<float> logProbs)
    {
        if (label is null || !labelIndex.TryGetValue(label, out int truth))
        {
            return;
        }
        int predicted = FolderEvaluator.ArgMax(logProbs);
        confusion[truth][predicted]++;
        correct += predicted == truth ? 1 : 0;
        total++;
    }

    public ModelAccuracy Result() => new(model, kind, correct, total, labels, confusion);
}
