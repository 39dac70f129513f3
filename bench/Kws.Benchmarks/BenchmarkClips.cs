namespace Kws.Benchmarks;

/// <summary>The clips the benchmarks classify, as model input (8000 mono samples in [-1, 1]).</summary>
public static class BenchmarkClips
{
    public const int InputLength = 8000;

    /// <summary>A deterministic test signal (a chirp with noise) until the bundled WAV clips are read.</summary>
    public static float[] First()
    {
        var random = new Random(7);
        return Enumerable.Range(0, InputLength)
            .Select(i => (float)((0.5 * Math.Sin(i * (0.01 + (i * 2e-6)))) + (0.05 * ((random.NextDouble() * 2) - 1))))
            .ToArray();
    }
}
