using System;
using System.Collections.Immutable;
using System.Linq;
using Kws.Generator.Emit;
using Kws.Generator.Pipeline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Kws.Generator
{
    /// <summary>
    /// The pipeline: every AdditionalFile named *.kws.json becomes one model class (plus one GeneratedModels registry).
    /// Each stage carries equatable values only (strings, records, equatable arrays), so editing unrelated code re-runs
    /// nothing and editing one manifest re-emits only that model. Reading, planning and writing live in
    /// <see cref="ModelGeneration"/>.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class KwsGenerator : IIncrementalGenerator
    {
        /// <summary>Tracking names of the pipeline steps, for incremental tests.</summary>
        public static class Steps
        {
            public const string ManifestFiles = nameof(ManifestFiles);
            public const string Models = nameof(Models);
            public const string ModelNames = nameof(ModelNames);
        }

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValuesProvider<ManifestText> files = context.AdditionalTextsProvider
                .Where(static text => text.Path.EndsWith(".kws.json", StringComparison.OrdinalIgnoreCase))
                .Combine(context.AnalyzerConfigOptionsProvider)
                .Select(static (input, cancellationToken) => new ManifestText(input.Left.Path,
                    input.Left.GetText(cancellationToken)?.ToString() ?? "", NamespaceOption.ForFile(input.Right.GetOptions(input.Left))))
                .WithTrackingName(Steps.ManifestFiles);

            // [SkipLocalsInit] needs AllowUnsafeBlocks; without it the stack-allocating methods go without the attribute.
            IncrementalValueProvider<GeneratorOptions> options = context.CompilationProvider
                .Select(static (compilation, _) => compilation.Options is CSharpCompilationOptions { AllowUnsafe: true })
                .Combine(context.AnalyzerConfigOptionsProvider.Select(static (provider, _) => NamespaceOption.ForProject(provider.GlobalOptions)))
                .Select(static (input, _) => new GeneratorOptions(input.Left, input.Right));

            IncrementalValuesProvider<GeneratedModel> models = files
                .Combine(options)
                .Select(static (input, cancellationToken) => ModelGeneration.Generate(input.Left, input.Right, cancellationToken))
                .WithTrackingName(Steps.Models);

            IncrementalValueProvider<EquatableArray<ModelNameEntry>> names = models
                .Where(static model => model.ModelName is not null)
                .Select(static (model, _) => new ModelNameEntry(model.ModelName!, model.Path, model.Namespace))
                .Collect()
                .Select(static (entries, _) => new EquatableArray<ModelNameEntry>(entries.OrderBy(e => e)))
                .WithTrackingName(Steps.ModelNames);

            context.RegisterSourceOutput(models.Combine(names), static (output, input) => Report(output, input.Left, input.Right));
            // Only whether there are manifests at all matters to the registry, not their text.
            IncrementalValueProvider<bool> anyManifest = files.Collect().Select(static (all, _) => !all.IsEmpty);
            context.RegisterSourceOutput(anyManifest.Combine(names).Combine(options), static (output, input) =>
            {
                // An invalid project namespace is already reported on every manifest; the registry cannot be written there.
                if (input.Left.Left && NamespaceOption.IsValid(input.Right.Namespace))
                {
                    output.AddSource("GeneratedModels.g.cs", RegistryEmitter.Emit(UniqueModels(input.Left.Right), input.Right.Namespace));
                }
            });
        }

        private static void Report(SourceProductionContext output, GeneratedModel model, EquatableArray<ModelNameEntry> names)
        {
            foreach (DiagnosticInfo diagnostic in model.Diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
            if (model.Source is null || model.ModelName is null)
            {
                return;
            }
            ModelNameEntry first = names.First(entry => entry.Name == model.ModelName);
            if (first.Path != model.Path)
            {
                output.ReportDiagnostic(DiagnosticInfo.AtFileStart(KwsDiagnostics.DuplicateModelName, model.Path, "",
                    ManifestProblemClassifier.FileName(model.Path), model.ModelName, ManifestProblemClassifier.FileName(first.Path)).ToDiagnostic());
                return;
            }
            output.AddSource(model.ModelName + ".g.cs", model.Source);
        }

        /// <summary>One entry per name: the first manifest that declares it (the others were reported as duplicates).</summary>
        private static ImmutableArray<ModelNameEntry> UniqueModels(EquatableArray<ModelNameEntry> names) =>
            names.GroupBy(entry => entry.Name, StringComparer.Ordinal).Select(group => group.First()).ToImmutableArray();
    }
}
