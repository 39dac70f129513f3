using Kws.Runtime.Manifest;

namespace Kws.Host.Engines;

/// <summary>
/// The model chosen at publish time (MSBuild property <c>KwsModel</c>): the generated class compiled into this binary,
/// and the manifest it was generated from, embedded as a resource for <c>kws info</c> and for the interpreter in
/// <c>kws bench</c>.
/// </summary>
internal static class BakedInModel
{
    /// <summary>Logical name of the embedded manifest (see NativeAotHost.csproj).</summary>
    public const string ResourceName = "kws.model.kws.json";

    /// <summary>Where the embedded manifest is said to come from in messages.</summary>
    public const string Origin = "<baked-in manifest>";

    public static ModelManifest ReadManifest() => ManifestLoader.Parse(ReadManifestText(), Origin);

    private static string ReadManifestText()
    {
        using Stream stream = typeof(BakedInModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the manifest resource '{ResourceName}' is missing from this build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
