namespace Kws.Tests.Shared;

/// <summary>
/// The model input PyTorch computes (mono mix, resample, pad/crop) for every <c>samples/formats/*.wav</c>:
/// <c>models/references/frontend.json</c> + <c>frontend.bin</c> (float32 little-endian; offsets count elements).
/// </summary>
internal static class FrontendReference
{
    public static IReadOnlyList<FrontendCase> Load() => Load(RepositoryPaths.References);

    public static IReadOnlyList<FrontendCase> Load(string referencesDirectory)
    {
        CasesJson json = ReferenceFiles.ReadFloatCases<CasesJson>(referencesDirectory, "frontend", out var slice);
        return json.Cases.Select(c => new FrontendCase(c.File, slice(c.Offset, c.Length, c.File))).ToList();
    }

    private sealed record CasesJson(List<CaseJson> Cases);

    private sealed record CaseJson(string File, long Offset, long Length);
}

/// <summary>The model input for one WAV file (path relative to <c>models/</c>).</summary>
internal sealed record FrontendCase(string File, float[] ModelInput)
{
    public string FullPath => ReferenceFiles.ModelsPath(File);

    public override string ToString() => File;
}
