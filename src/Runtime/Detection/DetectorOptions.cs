namespace Kws.Runtime.Detection;

/// <summary>
/// Tuning of streaming detection, after TensorFlow Lite Micro's RecognizeCommands: how often the model looks, over
/// how long posteriors are averaged, how confident the average must be, how many looks are needed, and how long a
/// word is suppressed after it fired. <see cref="MinimumRms"/> skips near-silent windows (the model has no silence
/// class and would otherwise pick some word for background noise).
/// The defaults were chosen on the two committed long recordings (threshold 0.45 to 0.7 by averaging window 0.3 to
/// 0.8 s): 0.5 over 0.5 s found 11 of 14 words with 1 false alarm; a longer window misses short words, a lower
/// threshold adds false alarms. Two recordings are little evidence: tune on your own audio.
/// </summary>
public sealed record DetectorOptions
{
    /// <summary>Seconds between two looks of the model (default 0.1).</summary>
    public double HopSeconds { get; init; } = 0.1;

    /// <summary>Seconds of looks whose probabilities are averaged (default 0.5).</summary>
    public double AverageWindowSeconds { get; init; } = 0.5;

    /// <summary>Averaged probability a word needs to fire (default 0.5).</summary>
    public float Threshold { get; init; } = 0.5f;

    /// <summary>Looks the averaging window must hold before anything fires (default 3).</summary>
    public int MinimumCount { get; init; } = 3;

    /// <summary>Seconds during which the same word does not fire again (default 1.0).</summary>
    public double SuppressionSeconds { get; init; } = 1.0;

    /// <summary>Windows with a lower RMS level are not classified and clear the averaging (default 0.01).</summary>
    public float MinimumRms { get; init; } = 0.01f;

    /// <summary>An <see cref="ArgumentException"/> naming the first option out of its range.</summary>
    public void Validate()
    {
        static void Check(bool ok, string message)
        {
            if (!ok)
            {
                throw new ArgumentException(message);
            }
        }
        Check(HopSeconds is > 0 and <= 60, $"the hop must be more than 0 and at most 60 seconds, not {HopSeconds}");
        Check(AverageWindowSeconds is > 0 and <= 60, $"the averaging window must be more than 0 and at most 60 seconds, not {AverageWindowSeconds}");
        Check(Threshold is >= 0 and <= 1, $"the threshold must be from 0 to 1, not {Threshold}");
        Check(MinimumCount >= 1, $"the minimum count of looks must be at least 1, not {MinimumCount}");
        Check(SuppressionSeconds is >= 0 and <= 3600, $"the suppression time must be from 0 to 3600 seconds, not {SuppressionSeconds}");
        Check(MinimumRms is >= 0 and <= 1, $"the minimum RMS must be from 0 to 1, not {MinimumRms}");
    }
}
