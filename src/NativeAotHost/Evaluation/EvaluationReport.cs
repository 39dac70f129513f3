namespace Kws.Host.Evaluation;

/// <summary>
/// The outcome of classifying a labelled folder: the seed's table (model size, accuracy, inference time), accuracy
/// per class and the confusion matrix (rows: true label, columns: predicted label, both in model label order).
/// </summary>
internal sealed class EvaluationReport(string modelName, IReadOnlyList<string> labels, long weightBytes, string simdPath)
{
    private readonly List<double> _inferenceMicroseconds = [];

    public string ModelName { get; } = modelName;
    public IReadOnlyList<string> Labels { get; } = labels;
    public long WeightBytes { get; } = weightBytes;
    public string SimdPath { get; } = simdPath;
    public int[,] Confusion { get; } = new int[labels.Count, labels.Count];
    public int Files => _inferenceMicroseconds.Count;
    public int Correct { get; private set; }
    public double Accuracy => Files == 0 ? 0 : (double)Correct / Files;

    /// <summary>Time spent reading, resampling and padding the audio, in total.</summary>
    public double FrontEndMicroseconds { get; private set; }

    public double MeanInferenceMicroseconds => _inferenceMicroseconds.Count == 0 ? 0 : _inferenceMicroseconds.Average();

    public double MedianInferenceMicroseconds
    {
        get
        {
            if (_inferenceMicroseconds.Count == 0)
            {
                return 0;
            }
            var sorted = _inferenceMicroseconds.Order().ToList();
            int middle = sorted.Count / 2;
            return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }

    public void Add(int trueLabel, int predicted, double frontEndMicroseconds, double inferenceMicroseconds)
    {
        Confusion[trueLabel, predicted]++;
        if (trueLabel == predicted)
        {
            Correct++;
        }
        FrontEndMicroseconds += frontEndMicroseconds;
        _inferenceMicroseconds.Add(inferenceMicroseconds);
    }

    /// <summary>Files whose true label is <paramref name="label"/>.</summary>
    public int FilesOf(int label)
    {
        int total = 0;
        for (int p = 0; p < Labels.Count; p++)
        {
            total += Confusion[label, p];
        }
        return total;
    }

    public int CorrectOf(int label) => Confusion[label, label];
}
