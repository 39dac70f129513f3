using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Kws.Generator.Pipeline
{
    /// <summary>
    /// The namespace a consumer chooses for the generated classes: the <c>Namespace</c> metadata of a <c>KwsModel</c>
    /// item (one model), else the MSBuild property <c>KwsNamespace</c> (every model and the GeneratedModels registry),
    /// else <see cref="GeneratorOptions.DefaultNamespace"/>. The package's build files make both visible to the compiler
    /// (CompilerVisibleItemMetadata / CompilerVisibleProperty).
    /// </summary>
    internal static class NamespaceOption
    {
        public const string PropertyKey = "build_property.KwsNamespace";
        public const string MetadataKey = "build_metadata.AdditionalFiles.KwsNamespace";

        /// <summary>The project-wide namespace: the property, or the default.</summary>
        public static string ForProject(AnalyzerConfigOptions globalOptions) =>
            Read(globalOptions, PropertyKey) ?? GeneratorOptions.DefaultNamespace;

        /// <summary>One manifest's own namespace (item metadata), or null when it takes the project's.</summary>
        public static string? ForFile(AnalyzerConfigOptions fileOptions) => Read(fileOptions, MetadataKey);

        /// <summary>Dotted C# identifiers, none of them a keyword: what can follow <c>namespace</c>.</summary>
        public static bool IsValid(string name) =>
            name.Split('.').All(part => SyntaxFacts.IsValidIdentifier(part) && SyntaxFacts.GetKeywordKind(part) == SyntaxKind.None);

        private static string? Read(AnalyzerConfigOptions options, string key) =>
            options.TryGetValue(key, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
    }
}
