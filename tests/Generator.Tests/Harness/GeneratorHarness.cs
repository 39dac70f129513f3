extern alias GeneratorAssembly;

using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Kws.Runtime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using GeneratorAssembly::Kws.Generator;

namespace Kws.Generator.Tests.Harness;

/// <summary>
/// Runs the generator the way the compiler does (CSharpGeneratorDriver over AdditionalTexts), compiles its output
/// in memory against Kws.Runtime, and loads the result in a collectible AssemblyLoadContext: the generated engine
/// of the engine x case tests.
/// </summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        string trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        return trusted.Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal)
                || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(IKeywordModel).Assembly.Location))
            .ToImmutableArray();
    });

    public static CSharpCompilation EmptyCompilation(string assemblyName = "Kws.Generated.Test", bool allowUnsafe = true, params string[] sources) =>
        CSharpCompilation.Create(assemblyName,
            sources.Select(source => CSharpSyntaxTree.ParseText(source, ParseOptions)),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
                optimizationLevel: OptimizationLevel.Release,
                allowUnsafe: allowUnsafe,
                nullableContextOptions: NullableContextOptions.Enable,
                deterministic: true));

    public static GeneratorDriver CreateDriver(IEnumerable<(string Path, string Text)> manifests) =>
        CreateDriver(manifests.Select(m => (AdditionalText)new InMemoryAdditionalText(m.Path, m.Text)));

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> manifests) =>
        CSharpGeneratorDriver.Create(
            [new KwsGenerator().AsSourceGenerator()],
            manifests,
            ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once; the result holds the generated sources, diagnostics and the updated compilation.</summary>
    public static GeneratorOutcome Run(IEnumerable<(string Path, string Text)> manifests, CSharpCompilation? compilation = null)
    {
        compilation ??= EmptyCompilation();
        GeneratorDriver driver = CreateDriver(manifests)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return new GeneratorOutcome(driver.GetRunResult(), output, diagnostics);
    }

    public static GeneratorOutcome Run(params (string Path, string Text)[] manifests) => Run(manifests, null);

    /// <summary>Compiles the generated code and loads it; fails the test on any compiler warning or error.</summary>
    public static LoadedModels CompileAndLoad(GeneratorOutcome outcome)
    {
        Assert.That(outcome.RunResult.Results.Single().Exception, Is.Null, "the generator threw");
        Assert.That(outcome.GeneratorDiagnostics, Is.Empty, "the generator reported diagnostics");
        return CompileAndLoad(outcome.Compilation);
    }

    /// <summary>Compiles sources (generated code written without the driver) and loads them; fails on any warning or error.</summary>
    public static LoadedModels CompileAndLoad(Compilation compilation)
    {
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var problems = emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.That(problems, Is.Empty, "the generated code must compile without warnings:\n" + string.Join("\n", problems));
        Assert.That(emitted.Success, Is.True);
        image.Position = 0;
        var context = new AssemblyLoadContext("generated-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        Assembly assembly = context.LoadFromStream(image);
        return new LoadedModels(context, assembly);
    }
}

/// <summary>One generator run: what it produced and the compilation with its output added.</summary>
internal sealed record GeneratorOutcome(GeneratorDriverRunResult RunResult, Compilation Compilation, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    public string SourceOf(string hintName) =>
        RunResult.Results.Single().GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();
}

/// <summary>A compiled generated assembly in its own collectible load context; dispose to unload it.</summary>
internal sealed class LoadedModels(AssemblyLoadContext context, Assembly assembly) : IDisposable
{
    public Assembly Assembly { get; } = assembly;

    public IKeywordModel Create(string name) =>
        (IKeywordModel)Activator.CreateInstance(Assembly.GetType("Kws.Generated." + name, throwOnError: true)!)!;

    public IKeywordModel[] CreateAll() =>
        (IKeywordModel[])Assembly.GetType("Kws.Generated.GeneratedModels", throwOnError: true)!
            .GetMethod("CreateAll")!.Invoke(null, null)!;

    public void Dispose() => context.Unload();
}
