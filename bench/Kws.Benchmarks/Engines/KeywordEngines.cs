using Kws.Runtime;
using Kws.Runtime.Interpretation;
using Kws.Runtime.Manifest;

namespace Kws.Benchmarks.Engines;

/// <summary>
/// Builds the two engines under test for a bundled model: the interpreter on its manifest, and the class the source
/// generator emitted from the same manifest into this assembly (namespace <c>Kws.Generated</c>, one class per
/// <c>models/*.kws.json</c>). Generated classes are found by their model name, so adding a manifest needs no code here.
/// </summary>
public static class KeywordEngines
{
    public static string ManifestPath(BundledModel model) =>
        RepositoryPaths.Model($"cnn_{model.ToString().ToLowerInvariant()}_model.kws.json");

    public static ModelManifest Manifest(BundledModel model) => ManifestReader.Read(File.ReadAllText(ManifestPath(model)));

    public static IKeywordModel Interpreted(ModelManifest manifest) => new InterpretedModel(manifest);

    public static IKeywordModel Generated(ModelManifest manifest)
    {
        var name = manifest.Name;
        var generated = GeneratedTypes().Select(Activator.CreateInstance).OfType<IKeywordModel>().ToList();
        return generated.FirstOrDefault(m => m.Name == name) ?? throw new InvalidOperationException(
            $"no generated class for model '{name}' (found: {string.Join(", ", generated.Select(m => m.Name).DefaultIfEmpty("none"))}); " +
            "the source generator runs on models/*.kws.json when this project builds");
    }

    private static IEnumerable<Type> GeneratedTypes() => typeof(KeywordEngines).Assembly.GetTypes().Where(t =>
        t.Namespace == "Kws.Generated" && t is { IsClass: true, IsAbstract: false } &&
        typeof(IKeywordModel).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null);
}
