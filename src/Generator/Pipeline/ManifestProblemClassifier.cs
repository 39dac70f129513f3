using Kws.Runtime.Manifest;
using Microsoft.CodeAnalysis;

namespace Kws.Generator.Pipeline
{
    /// <summary>
    /// Turns the shared reader's <see cref="ManifestException"/> into one of the generator's diagnostics: the exception
    /// says which kind of problem it is and where, so the descriptor follows from <see cref="ManifestException.Problem"/>.
    /// </summary>
    internal static class ManifestProblemClassifier
    {
        public static DiagnosticInfo Classify(ManifestText file, ManifestException problem)
        {
            DiagnosticDescriptor descriptor = DescriptorFor(problem.Problem);
            string[] arguments = problem.Problem == ManifestProblem.ContentHashMismatch
                ? new[] { FileName(file.Path) }
                : new[] { FileName(file.Path), problem.Detail };
            return problem.Line > 0
                ? DiagnosticInfo.At(descriptor, file.Path, file.Text, problem.Line, problem.Column, arguments)
                : DiagnosticInfo.AtFileStart(descriptor, file.Path, file.Text, arguments);
        }

        public static string FileName(string path)
        {
            int slash = System.Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
            return slash >= 0 ? path.Substring(slash + 1) : path;
        }

        private static DiagnosticDescriptor DescriptorFor(ManifestProblem problem) => problem switch
        {
            ManifestProblem.MalformedJson => KwsDiagnostics.MalformedJson,
            ManifestProblem.UnknownFormatVersion => KwsDiagnostics.UnknownFormatVersion,
            ManifestProblem.UnsupportedLayer => KwsDiagnostics.UnsupportedLayer,
            ManifestProblem.ContentHashMismatch => KwsDiagnostics.ContentHashMismatch,
            _ => KwsDiagnostics.InconsistentModel,
        };
    }
}
