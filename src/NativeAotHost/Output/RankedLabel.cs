namespace Kws.Host.Output;

/// <summary>One of the top labels for an input: its class index, name and probability (exp of the log-probability).</summary>
internal readonly record struct RankedLabel(int Index, string Label, double Probability)
{
    /// <summary>The <paramref name="count"/> most probable labels, best first; ties keep label order.</summary>
    public static RankedLabel[] Top(ReadOnlySpan<float> logProbs, IReadOnlyList<string> labels, int count)
    {
        int[] order = new int[logProbs.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        float[] keys = logProbs.ToArray();
        // Stable descending order: compare by value, then by index.
        Array.Sort(order, (a, b) => keys[b].CompareTo(keys[a]) is var c && c != 0 ? c : a.CompareTo(b));
        int n = Math.Min(count, order.Length);
        var top = new RankedLabel[n];
        for (int i = 0; i < n; i++)
        {
            top[i] = new RankedLabel(order[i], labels[order[i]], Math.Exp(keys[order[i]]));
        }
        return top;
    }
}
