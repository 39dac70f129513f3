using System.Diagnostics;
using Kws.Runtime;

namespace Kws.Host.Benchmarking;

/// <summary>Times single operations: warm-up runs first (caches, page faults, first-call work), then one timing per run.</summary>
internal static class InferenceTimer
{
    /// <summary>Times <paramref name="runs"/> inferences on <see cref="SyntheticInput"/> after runs/10 warm-ups; the last output is left in <paramref name="logProbs"/>.</summary>
    public static TimingSummary Measure(IKeywordModel model, float[] logProbs, int runs)
    {
        float[] input = SyntheticInput(model.InputLength, model.SampleRate);
        return Measure(() => model.Infer(input, logProbs), runs);
    }

    /// <summary>Times <paramref name="runs"/> calls of <paramref name="operation"/> after runs/10 warm-ups.</summary>
    public static TimingSummary Measure(Action operation, int runs)
    {
        for (int i = 0; i < runs / 10; i++)
        {
            operation();
        }
        double[] microseconds = new double[runs];
        double ticksPerMicrosecond = Stopwatch.Frequency / 1e6;
        for (int i = 0; i < runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            operation();
            microseconds[i] = (Stopwatch.GetTimestamp() - start) / ticksPerMicrosecond;
        }
        return TimingSummary.Of(microseconds);
    }

    /// <summary>A deterministic, speech-like test input: a rising tone with noise, in [-1, 1].</summary>
    public static float[] SyntheticInput(int length, int sampleRate)
    {
        var random = new Random(12345);
        float[] samples = new float[length];
        for (int i = 0; i < length; i++)
        {
            double t = (double)i / sampleRate;
            double tone = 0.5 * Math.Sin(2 * Math.PI * (200 + 800 * t) * t);
            samples[i] = (float)Math.Clamp(tone + 0.1 * (random.NextDouble() * 2 - 1), -1, 1);
        }
        return samples;
    }
}
