namespace Kws.Tests.Shared;

/// <summary>
/// The committed sample audio (docs/references.md): labelled 1 s clips under <c>samples/clips/&lt;label&gt;/</c>,
/// the same kind of clip in other WAV formats (<c>samples/formats/index.json</c>) and long recordings with
/// ground truth (<c>samples/long/&lt;id&gt;.wav</c> + <c>.json</c>).
/// </summary>
internal static class ReferenceSamples
{
    /// <summary>Every labelled 16 kHz clip, sorted by path; the label is the folder name.</summary>
    public static IReadOnlyList<LabelledClip> Clips() => Clips(RepositoryPaths.Samples);

    public static IReadOnlyList<LabelledClip> Clips(string samplesDirectory)
    {
        string root = Path.Combine(samplesDirectory, "clips");
        return Directory.EnumerateFiles(root, "*.wav", SearchOption.AllDirectories)
            .Select(path => new LabelledClip(ModelsRelative(path), Path.GetFileName(Path.GetDirectoryName(path)!)))
            .OrderBy(c => c.File, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The entries of <c>samples/formats/index.json</c>.</summary>
    public static IReadOnlyList<FormatSample> Formats() => Formats(RepositoryPaths.Samples);

    public static IReadOnlyList<FormatSample> Formats(string samplesDirectory) =>
        ReferenceFiles.ReadJson<List<FormatSample>>(Path.Combine(samplesDirectory, "formats", "index.json"));

    /// <summary>Every long recording with its ground truth, sorted by file.</summary>
    public static IReadOnlyList<LongRecording> LongRecordings() => LongRecordings(RepositoryPaths.Samples);

    public static IReadOnlyList<LongRecording> LongRecordings(string samplesDirectory) =>
        Directory.EnumerateFiles(Path.Combine(samplesDirectory, "long"), "*.wav")
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(wav =>
            {
                string truthPath = Path.ChangeExtension(wav, ".json");
                if (!File.Exists(truthPath))
                {
                    throw new FileNotFoundException($"{wav} has no ground truth file {truthPath}.", truthPath);
                }

                GroundTruthJson truth = ReferenceFiles.ReadJson<GroundTruthJson>(truthPath);
                return new LongRecording(ModelsRelative(wav), truth.SampleRate, truth.Words);
            })
            .ToList();

    private static string ModelsRelative(string path) =>
        Path.GetRelativePath(RepositoryPaths.Models, path).Replace(Path.DirectorySeparatorChar, '/');

    private sealed record GroundTruthJson(int SampleRate, List<SpokenWord> Words);
}

/// <summary>A labelled 1 s, 16 kHz, 16-bit mono clip (path relative to <c>models/</c>).</summary>
internal sealed record LabelledClip(string File, string Label)
{
    public string FullPath => ReferenceFiles.ModelsPath(File);

    public override string ToString() => File;
}

/// <summary>One entry of <c>samples/formats/index.json</c>.</summary>
/// <param name="File">Path relative to <c>models/</c>.</param>
/// <param name="Label">The word spoken.</param>
/// <param name="SampleRate">Hz.</param>
/// <param name="Channels">1 or 2.</param>
/// <param name="Encoding">e.g. <c>pcm16</c>, <c>pcm8u</c>, <c>pcm24</c>, <c>float32</c>.</param>
/// <param name="Seconds">Duration.</param>
internal sealed record FormatSample(string File, string Label, int SampleRate, int Channels, string Encoding, double Seconds)
{
    public string FullPath => ReferenceFiles.ModelsPath(File);

    public override string ToString() => File;
}

/// <summary>A 10-20 s recording of several words with silence and noise between them.</summary>
internal sealed record LongRecording(string File, int SampleRate, IReadOnlyList<SpokenWord> Words)
{
    public string FullPath => ReferenceFiles.ModelsPath(File);

    public override string ToString() => File;
}

/// <summary>Where one word is spoken in a long recording (seconds from the start).</summary>
internal sealed record SpokenWord(string Word, double Start, double End);
