using System.Collections.Generic;
using Kws.Runtime.Manifest;
using Microsoft.CodeAnalysis;

namespace Kws.Generator.Pipeline
{
    /// <summary>
    /// Turns the shared reader's <see cref="ManifestException"/> into one of the generator's diagnostics. The reader
    /// reports every problem with the position of the JSON value at fault, so the kind of problem follows from which
    /// value that is (the formatVersion, a layer's op, the contentHash), not from the wording of the message.
    /// </summary>
    internal static class ManifestProblemClassifier
    {
        public static DiagnosticInfo Classify(ManifestFile file, ManifestException problem)
        {
            DiagnosticDescriptor descriptor = DescriptorFor(file.Text, problem);
            string[] arguments = descriptor == KwsDiagnostics.ContentHashMismatch
                ? new[] { FileName(file.Path) }
                : new[] { FileName(file.Path), problem.Detail };
            return problem.Line > 0
                ? DiagnosticInfo.At(descriptor, file.Path, file.Text, problem.Line, problem.Column, arguments)
                : DiagnosticInfo.AtFileStart(descriptor, file.Path, file.Text, arguments);
        }

        /// <summary>Where a layer starts in the manifest text (1-based line, column), for problems found after reading.</summary>
        public static DiagnosticInfo AtLayer(DiagnosticDescriptor descriptor, ManifestFile file, int layerIndex, string message)
        {
            JsonValue? layer = LayerValue(file.Text, layerIndex);
            string[] arguments = { FileName(file.Path), message };
            return layer is null
                ? DiagnosticInfo.AtFileStart(descriptor, file.Path, file.Text, arguments)
                : DiagnosticInfo.At(descriptor, file.Path, file.Text, layer.Line, layer.Column, arguments);
        }

        public static string FileName(string path)
        {
            int slash = System.Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
            return slash >= 0 ? path.Substring(slash + 1) : path;
        }

        private static DiagnosticDescriptor DescriptorFor(string text, ManifestException problem)
        {
            JsonValue root;
            try
            {
                root = JsonParser.Parse(text);
            }
            catch (ManifestException)
            {
                return KwsDiagnostics.MalformedJson;
            }
            if (root.Kind != JsonKind.Object)
            {
                return KwsDiagnostics.InconsistentModel;
            }
            if (IsAt(root.Find("formatVersion"), problem))
            {
                return KwsDiagnostics.UnknownFormatVersion;
            }
            if (IsAt(root.Find("contentHash"), problem))
            {
                return KwsDiagnostics.ContentHashMismatch;
            }
            foreach (JsonValue layer in Layers(root))
            {
                if (IsAt(layer.Find("op"), problem))
                {
                    return KwsDiagnostics.UnsupportedLayer;
                }
            }
            return KwsDiagnostics.InconsistentModel;
        }

        private static bool IsAt(JsonValue? value, ManifestException problem) =>
            value is not null && value.Line == problem.Line && value.Column == problem.Column;

        private static IEnumerable<JsonValue> Layers(JsonValue root)
        {
            JsonValue? layers = root.Find("layers");
            if (layers is null || layers.Kind != JsonKind.Array)
            {
                yield break;
            }
            foreach (JsonValue layer in layers.Items)
            {
                if (layer.Kind == JsonKind.Object)
                {
                    yield return layer;
                }
            }
        }

        private static JsonValue? LayerValue(string text, int layerIndex)
        {
            try
            {
                int index = 0;
                foreach (JsonValue layer in Layers(JsonParser.Parse(text)))
                {
                    if (index++ == layerIndex)
                    {
                        return layer;
                    }
                }
            }
            catch (ManifestException)
            {
                // The text parsed once already; a second failure only loses the position.
            }
            return null;
        }
    }
}
