using Kws.Runtime;
using Kws.Runtime.Interpretation;
using Kws.Runtime.Manifest;

namespace Kws.Host.Models;

/// <summary>
/// The two engines behind <see cref="IKeywordModel"/>: the class the source generator emitted for the baked-in
/// manifest, and the Runtime's interpreter for any manifest. The only place the host names either.
/// </summary>
internal static class Engines
{
    /// <summary>The interpreter on <paramref name="manifestPath"/> when one is given, else the baked-in generated model.</summary>
    public static IKeywordModel Open(string? manifestPath) =>
        manifestPath is null ? CreateGenerated() : CreateInterpreter(ManifestFile.Read(manifestPath));

    public static IKeywordModel CreateGenerated() =>
        throw new NotSupportedException("the generated model is not wired in yet (generator issue)");

    public static IKeywordModel CreateInterpreter(ModelManifest manifest) => new InterpretedModel(manifest);
}
