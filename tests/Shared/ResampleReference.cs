namespace Kws.Tests.Shared;

/// <summary>
/// torchaudio's <c>Resample(orig, new)</c> (default arguments) on test signals: <c>models/references/resample.json</c>
/// + <c>resample.bin</c> (float32 little-endian; offsets and lengths count elements).
/// </summary>
internal static class ResampleReference
{
    public static IReadOnlyList<ResampleCase> Load() => Load(RepositoryPaths.References);

    public static IReadOnlyList<ResampleCase> Load(string referencesDirectory)
    {
        CasesJson json = ReferenceFiles.ReadFloatCases<CasesJson>(referencesDirectory, "resample", out var slice);
        return json.Cases.Select(c => new ResampleCase(c.Name, c.OrigRate, c.NewRate,
                slice(c.InputOffset, c.InputLength, c.Name + " input"),
                slice(c.OutputOffset, c.OutputLength, c.Name + " output")))
            .ToList();
    }

    private sealed record CasesJson(List<CaseJson> Cases);

    private sealed record CaseJson(string Name, int OrigRate, int NewRate, long InputOffset, long InputLength,
        long OutputOffset, long OutputLength);
}

/// <summary>One resampling case: a signal at <paramref name="OrigRate"/> and torchaudio's output at <paramref name="NewRate"/>.</summary>
internal sealed record ResampleCase(string Name, int OrigRate, int NewRate, float[] Input, float[] Output)
{
    public override string ToString() => $"{Name} {OrigRate}->{NewRate}";
}
