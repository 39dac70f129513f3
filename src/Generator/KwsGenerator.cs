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
                .Select(static (text, cancellationToken) =>
                    new ManifestText(text.Path, text.GetText(cancellationToken)?.ToString() ?? ""))
                .WithTrackingName(Steps.ManifestFiles);

            // [SkipLocalsInit] needs AllowUnsafeBlocks; without it the stack-allocating methods go without the attribute.
            IncrementalValueProvider<GeneratorOptions> options = context.CompilationProvider
                .Select(static (compilation, _) => new GeneratorOptions(
                    compilation.Options is CSharpCompilationOptions { AllowUnsafe: true }, GeneratorOptions.DefaultNamespace));

            IncrementalValuesProvider<GeneratedModel> models = files
                .Combine(options)
                .Select(static (input, cancellationToken) => ModelGeneration.Generate(input.Left, input.Right, cancellationToken))
                .WithTrackingName(Steps.Models);

            IncrementalValueProvider<EquatableArray<ModelNameEntry>> names = models
                .Where(static model => model.ModelName is not null)
                .Select(static (model, _) => new ModelNameEntry(model.ModelName!, model.Path))
                .Collect()
                .Select(static (entries, _) => new EquatableArray<ModelNameEntry>(entries.OrderBy(e => e)))
                .WithTrackingName(Steps.ModelNames);

            context.RegisterSourceOutput(models.Combine(names), static (output, input) => Report(output, input.Left, input.Right));
            // Only whether there are manifests at all matters to the registry, not their text.
            IncrementalValueProvider<bool> anyManifest = files.Collect().Select(static (all, _) => !all.IsEmpty);
            context.RegisterSourceOutput(anyManifest.Combine(names).Combine(options), static (output, input) =>
            {
                if (input.Left.Left)
                {
                    output.AddSource("GeneratedModels.g.cs", RegistryEmitter.Emit(UniqueNames(input.Left.Right), input.Right.Namespace));
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

        private static ImmutableArray<string> UniqueNames(EquatableArray<ModelNameEntry> names) =>
            names.Select(entry => entry.Name).Distinct(StringComparer.Ordinal).ToImmutableArray();
    }
}
