using Kws.Runtime.Audio;

namespace Kws.Benchmarks;

/// <summary>
/// The clips the benchmarks classify: the bundled samples (models/samples/clips/&lt;label&gt;/*.wav, 16 kHz), each put
/// through the product's audio front end once, at setup, into model input (8000 mono samples at 8 kHz in [-1, 1]).
/// </summary>
public static class BenchmarkClips
{
    public const int SampleRate = 8000;
    public const int InputLength = 8000;

    /// <summary>The clip every batch-1 benchmark classifies: the first "yes" sample.</summary>
    public static string FirstWavPath() => WavPaths().First(p => Label(p) == "yes");

    /// <summary>The model input of <see cref="FirstWavPath"/>.</summary>
    public static float[] First() => Prepare(FirstWavPath());

    /// <summary><paramref name="count"/> clips: every bundled sample in path order, repeated as needed to fill the batch.</summary>
    public static float[][] Batch(int count)
    {
        var distinct = WavPaths().Select(Prepare).ToArray();
        return Enumerable.Range(0, count).Select(i => distinct[i % distinct.Length]).ToArray();
    }

    private static float[] Prepare(string path) => new AudioFrontEnd(SampleRate, InputLength).PrepareFile(path);

    private static string Label(string path) => Path.GetFileName(Path.GetDirectoryName(path)!);

    private static IReadOnlyList<string> WavPaths()
    {
        var paths = Directory.Exists(RepositoryPaths.Clips)
            ? Directory.GetFiles(RepositoryPaths.Clips, "*.wav", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : [];
        return paths.Count > 0 ? paths : throw new FileNotFoundException($"no sample clips under {RepositoryPaths.Clips}");
    }
}
