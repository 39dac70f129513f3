namespace Kws.Benchmarks;

/// <summary>The clips the benchmarks classify, as model input (8000 mono samples in [-1, 1]).</summary>
public static class BenchmarkClips
{
    public const int InputLength = 8000;

    /// <summary>The clip every batch-1 benchmark classifies.</summary>
    public static float[] First() => Synthetic(0);

    /// <summary><paramref name="count"/> different clips.</summary>
    public static float[][] Batch(int count) => Enumerable.Range(0, count).Select(Synthetic).ToArray();

    // A deterministic test signal (a chirp with noise) until the bundled WAV clips are read.
    private static float[] Synthetic(int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, InputLength)
            .Select(i => (float)((0.5 * Math.Sin(i * (0.01 + (i * 2e-6) + (seed * 1e-4)))) + (0.05 * ((random.NextDouble() * 2) - 1))))
            .ToArray();
    }
}
