using Kws.Compiler.Cli;

namespace Kws.Compiler.Analysis;

/// <summary>
/// The WAV files of a sample folder: each <c>&lt;dir&gt;/&lt;label&gt;/*.wav</c> is labelled by its sub-folder (the layout
/// of models/samples/clips and of <c>kws eval</c>), each <c>&lt;dir&gt;/*.wav</c> is unlabelled. Sorted by path so every
/// run sees the clips in the same order.
/// </summary>
public static class ClipFolder
{
    /// <summary>(path, label or null) of every clip, sorted by ordinal path.</summary>
    public static IReadOnlyList<(string Path, string? Label)> List(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new AnalysisException($"sample folder {directory} does not exist");
        }
        var clips = new List<(string Path, string? Label)>();
        clips.AddRange(WavFiles(directory).Select(f => (f, (string?)null)));
        foreach (string labelFolder in Directory.GetDirectories(directory))
        {
            string label = Path.GetFileName(labelFolder);
            clips.AddRange(WavFiles(labelFolder).Select(f => (f, (string?)label)));
        }
        if (clips.Count == 0)
        {
            throw new AnalysisException($"no .wav files in {directory} or its label sub-folders");
        }
        return clips.OrderBy(c => c.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>Every clip of <paramref name="directory"/> as model input, through <paramref name="toModelInput"/> (WAV path to samples).</summary>
    public static List<AnalysisClip> Read(string directory, Func<string, float[]> toModelInput, ProgressBar? progress = null)
    {
        IReadOnlyList<(string Path, string? Label)> files = List(directory);
        progress?.Start("reading clips", files.Count);
        var clips = new List<AnalysisClip>(files.Count);
        foreach ((string path, string? label) in files)
        {
            clips.Add(new AnalysisClip(Path.GetRelativePath(directory, path), label, toModelInput(path)));
            progress?.Advance();
        }
        return clips;
    }

    private static IEnumerable<string> WavFiles(string directory) =>
        Directory.EnumerateFiles(directory).Where(f => f.EndsWith(".wav", StringComparison.OrdinalIgnoreCase));
}
