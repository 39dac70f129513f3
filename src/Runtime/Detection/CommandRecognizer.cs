namespace Kws.Runtime.Detection;

/// <summary>
/// Posterior smoothing and repeat suppression, as TensorFlow Lite Micro's RecognizeCommands does it: keep the class
/// probabilities of the looks within the averaging window, average them, and report the best class when its average
/// passes the threshold, enough looks back it, and it is not the same word as the last detection within the
/// suppression time. Unlike RecognizeCommands, the suppression time runs from the last look in which that word was
/// still on top, so a word that stays above the threshold for longer than the suppression time fires once.
/// Results must arrive in time order.
/// </summary>
public sealed class CommandRecognizer
{
    private readonly IReadOnlyList<string> labels;
    private readonly DetectorOptions options;
    private readonly Queue<(double Time, float[] Probabilities)> window = new();
    private readonly Stack<float[]> spare = new();
    private readonly float[] average;
    private string? lastWord;
    private double lastTime = double.NegativeInfinity;
    private double lastResultTime = double.NegativeInfinity;

    /// <summary>A recognizer over the classes <paramref name="labels"/> (in model output order), tuned by <paramref name="options"/>.</summary>
    public CommandRecognizer(IReadOnlyList<string> labels, DetectorOptions options)
    {
        this.labels = labels;
        this.options = options;
        average = new float[labels.Count];
    }

    /// <summary>Adds one look's class probabilities at <paramref name="time"/> seconds; returns a detection when one fires.</summary>
    public Detection? Process(ReadOnlySpan<float> probabilities, double time)
    {
        if (probabilities.Length != labels.Count)
        {
            throw new ArgumentException($"expected {labels.Count} probabilities, got {probabilities.Length}", nameof(probabilities));
        }
        if (time < lastResultTime)
        {
            throw new ArgumentException($"results must arrive in time order ({time} s after {lastResultTime} s)", nameof(time));
        }
        lastResultTime = time;
        float[] copy = spare.Count > 0 ? spare.Pop() : new float[labels.Count];
        probabilities.CopyTo(copy);
        window.Enqueue((time, copy));
        while (window.Count > 0 && window.Peek().Time <= time - options.AverageWindowSeconds)
        {
            spare.Push(window.Dequeue().Probabilities);
        }
        if (window.Count < options.MinimumCount)
        {
            return null;
        }
        Array.Clear(average);
        foreach ((double _, float[] p) in window)
        {
            for (int i = 0; i < average.Length; i++)
            {
                average[i] += p[i];
            }
        }
        int best = 0;
        for (int i = 0; i < average.Length; i++)
        {
            average[i] /= window.Count;
            best = average[i] > average[best] ? i : best;
        }
        float score = average[best];
        string word = labels[best];
        if (score < options.Threshold)
        {
            return null;
        }
        if (word == lastWord && time - lastTime < options.SuppressionSeconds)
        {
            // Still the same word: it lasts longer than one look, so suppression runs from its last sighting.
            lastTime = time;
            return null;
        }
        lastWord = word;
        lastTime = time;
        return new Detection(word, PeakTime(best), score);
    }

    /// <summary>Forgets everything, e.g. after a stretch of silence.</summary>
    public void Reset()
    {
        while (window.Count > 0)
        {
            spare.Push(window.Dequeue().Probabilities);
        }
    }

    private double PeakTime(int label)
    {
        double time = 0;
        float best = float.NegativeInfinity;
        foreach ((double t, float[] p) in window)
        {
            if (p[label] > best)
            {
                best = p[label];
                time = t;
            }
        }
        return time;
    }
}
