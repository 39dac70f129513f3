using System;
using Microsoft.CodeAnalysis;

namespace Kws.Generator
{
    /// <summary>
    /// Every diagnostic the generator reports. IDs are stable (listed in AnalyzerReleases.*.md); each message ends
    /// with what to do about it. All are reported on the manifest file.
    /// </summary>
    internal static class KwsDiagnostics
    {
        private const string Category = "Kws.Generator";

        public static readonly DiagnosticDescriptor MalformedJson = Error("KWS0001", "Manifest is not valid JSON",
            "Manifest '{0}' is not valid JSON: {1}; re-export it with 'kwsc export' or fix the text at this position");

        public static readonly DiagnosticDescriptor UnknownFormatVersion = Error("KWS0002", "Unknown manifest format version",
            "Manifest '{0}': {1}");

        public static readonly DiagnosticDescriptor UnsupportedLayer = Error("KWS0003", "Unsupported layer",
            "Manifest '{0}': {1}; export a model built from the supported layers");

        public static readonly DiagnosticDescriptor InconsistentModel = Error("KWS0004", "Manifest describes an inconsistent model",
            "Manifest '{0}': {1}; re-export the checkpoint with 'kwsc export' so that shapes and parameters agree");

        public static readonly DiagnosticDescriptor ContentHashMismatch = Error("KWS0005", "Manifest content hash mismatch",
            "Manifest '{0}' was edited after kwsc wrote it (its contentHash no longer matches); re-export it with 'kwsc export' instead of editing it");

        public static readonly DiagnosticDescriptor DuplicateModelName = Error("KWS0006", "Two manifests name the same model",
            "Manifest '{0}' names model '{1}', which '{2}' already uses; give one of them another name (kwsc export --name) or remove it from AdditionalFiles");

        public static readonly DiagnosticDescriptor GeneratorFailure = Error("KWS0007", "The model generator failed",
            "Could not generate a model from '{0}': {1}; please report this with the manifest attached");

        public static readonly DiagnosticDescriptor InvalidNamespace = Error("KWS0008", "The namespace for the generated model is not a C# namespace",
            "Manifest '{0}' would be generated into namespace '{1}', which is not a C# namespace; set KwsNamespace (property) or the KwsModel item's Namespace metadata to dotted identifiers such as MyApp.Models");

        private static DiagnosticDescriptor Error(string id, string title, string message) =>
            new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static DiagnosticDescriptor ById(string id)
        {
            foreach (DiagnosticDescriptor descriptor in new[]
            {
                MalformedJson, UnknownFormatVersion, UnsupportedLayer, InconsistentModel, ContentHashMismatch,
                DuplicateModelName, GeneratorFailure, InvalidNamespace,
            })
            {
                if (descriptor.Id == id)
                {
                    return descriptor;
                }
            }
            throw new ArgumentException($"unknown diagnostic id {id}", nameof(id));
        }
    }
}
