using Kws.Generated;
using Kws.Runtime;
using Kws.Runtime.Interpretation;
using Kws.Runtime.Manifest;

namespace Kws.Host.Engines;

/// <summary>
/// The two engines behind <see cref="IKeywordModel"/>: the class the source generator emitted for the baked-in
/// manifest, and the Runtime's interpreter for any manifest. The only place the host names either.
/// </summary>
internal static class ModelEngines
{
    /// <summary>The interpreter on <paramref name="manifestPath"/> when one is given, else the baked-in generated model.</summary>
    public static IKeywordModel Open(string? manifestPath) =>
        manifestPath is null ? CreateGenerated() : CreateInterpreter(ManifestLoader.Read(manifestPath));

    /// <summary>The one model generated from <c>KwsModel</c> (the csproj bakes in exactly one manifest).</summary>
    public static IKeywordModel CreateGenerated() =>
        GeneratedModels.Create(GeneratedModels.Names[0])
        ?? throw new InvalidOperationException("this build has no generated model");

    public static IKeywordModel CreateInterpreter(ModelManifest manifest) => new InterpretedModel(manifest);
}
