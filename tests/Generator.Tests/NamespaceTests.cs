extern alias GeneratorAssembly;

using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Kws.Generator.Tests.Harness;
using Kws.Runtime;
using Kws.Runtime.Manifest;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using GeneratorAssembly::Kws.Generator;

namespace Kws.Generator.Tests;

/// <summary>
/// The namespace a consumer chooses (the package's build files pass both to the compiler): the MSBuild property
/// KwsNamespace for every model and the registry, a KwsModel item's Namespace metadata for one model.
/// </summary>
public class NamespaceTests
{
    private const string IntPath = "/app/models/tiny_int8.kws.json";
    private const string FloatPath = "/app/models/tiny_float.kws.json";

    [Test]
    public void ThePropertyPlacesEveryModelAndTheRegistry()
    {
        GeneratorOutcome outcome = Run(project: "MyApp.Models", perFile: []);
        using LoadedModels loaded = GeneratorHarness.CompileAndLoad(outcome);
        Assert.Multiple(() =>
        {
            Assert.That(loaded.Assembly.GetType("MyApp.Models.TinyInt8"), Is.Not.Null);
            Assert.That(loaded.Assembly.GetType("MyApp.Models.TinyFloat"), Is.Not.Null);
            Assert.That(CreateAll(loaded, "MyApp.Models").Select(m => m.Name), Is.EqualTo(new[] { "TinyFloat", "TinyInt8" }));
            Assert.That(loaded.Assembly.GetType("Kws.Generated.GeneratedModels"), Is.Null);
        });
    }

    [Test]
    public void ItemMetadataPlacesOneModelAndTheRegistryStillFindsIt()
    {
        GeneratorOutcome outcome = Run(project: null, perFile: new() { [IntPath] = "Device.Keywords" });
        using LoadedModels loaded = GeneratorHarness.CompileAndLoad(outcome);
        Assert.Multiple(() =>
        {
            Assert.That(loaded.Assembly.GetType("Device.Keywords.TinyInt8"), Is.Not.Null);
            Assert.That(loaded.Assembly.GetType("Kws.Generated.TinyFloat"), Is.Not.Null, "without metadata or property: the default");
            Assert.That(CreateAll(loaded, "Kws.Generated").Select(m => m.Name), Is.EqualTo(new[] { "TinyFloat", "TinyInt8" }));
        });
    }

    [TestCase("My-App")]
    [TestCase("MyApp..Models")]
    [TestCase("MyApp.class")]
    [TestCase("1Models")]
    public void ANamespaceThatIsNotCSharpIsKws0008OnTheManifest(string bad)
    {
        GeneratorOutcome outcome = Run(project: null, perFile: new() { [IntPath] = bad });
        Diagnostic diagnostic = outcome.GeneratorDiagnostics.Single();
        Assert.Multiple(() =>
        {
            Assert.That(diagnostic.Id, Is.EqualTo("KWS0008"));
            Assert.That(diagnostic.Location.GetLineSpan().Path, Is.EqualTo(IntPath));
            Assert.That(diagnostic.GetMessage(), Does.Contain(bad).And.Contain("KwsNamespace"));
            Assert.That(outcome.RunResult.Results.Single().GeneratedSources.Select(s => s.HintName), Does.Not.Contain("TinyInt8.g.cs"));
        });
    }

    [Test]
    public void ABadProjectNamespaceIsReportedOnEveryManifestAndNothingIsGenerated()
    {
        GeneratorOutcome outcome = Run(project: "not a namespace", perFile: []);
        Assert.That(outcome.GeneratorDiagnostics.Select(d => (d.Id, d.Location.GetLineSpan().Path)),
            Is.EquivalentTo(new[] { ("KWS0008", IntPath), ("KWS0008", FloatPath) }));
        Assert.That(outcome.RunResult.Results.Single().GeneratedSources, Is.Empty);
    }

    private static IKeywordModel[] CreateAll(LoadedModels loaded, string registryNamespace) =>
        (IKeywordModel[])loaded.Assembly.GetType(registryNamespace + ".GeneratedModels", throwOnError: true)!
            .GetMethod("CreateAll")!.Invoke(null, null)!;

    private static GeneratorOutcome Run(string? project, Dictionary<string, string> perFile)
    {
        AdditionalText[] manifests =
        [
            new InMemoryAdditionalText(IntPath, ManifestWriter.Write(TestModels.TinyInt8())),
            new InMemoryAdditionalText(FloatPath, ManifestWriter.Write(TestModels.TinyFloat())),
        ];
        var options = new OptionsProvider(
            project is null ? [] : new() { ["build_property.KwsNamespace"] = project },
            perFile.ToDictionary(entry => entry.Key, entry => new Options(new() { ["build_metadata.AdditionalFiles.KwsNamespace"] = entry.Value })));
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new KwsGenerator().AsSourceGenerator()], manifests, GeneratorHarness.ParseOptions, options)
            .RunGeneratorsAndUpdateCompilation(GeneratorHarness.EmptyCompilation(), out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return new GeneratorOutcome(driver.GetRunResult(), output, diagnostics);
    }

    /// <summary>What an .editorconfig / MSBuild hands the generator for one file or for the project.</summary>
    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }

    private sealed class OptionsProvider(Dictionary<string, string> global, Dictionary<string, Options> perFile) : AnalyzerConfigOptionsProvider
    {
        private static readonly Options None = new([]);

        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(global);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => None;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => perFile.GetValueOrDefault(textFile.Path) ?? None;
    }
}
