using System;
using System.Threading;
using Kws.Generator.Emit;
using Kws.Generator.Planning;
using Kws.Runtime.Manifest;

namespace Kws.Generator.Pipeline
{
    /// <summary>One manifest in, one <see cref="GeneratedModel"/> out: read (and validate), plan, write. Every failure becomes a diagnostic, never an exception.</summary>
    internal static class ModelGeneration
    {
        public static GeneratedModel Generate(ManifestText file, GeneratorOptions options, CancellationToken cancellationToken)
        {
            string nameSpace = file.Namespace ?? options.Namespace;
            if (!NamespaceOption.IsValid(nameSpace))
            {
                return Failed(file, DiagnosticInfo.AtFileStart(KwsDiagnostics.InvalidNamespace, file.Path, file.Text,
                    ManifestProblemClassifier.FileName(file.Path), nameSpace));
            }
            try
            {
                ModelManifest manifest = ManifestReader.Read(file.Text);
                cancellationToken.ThrowIfCancellationRequested();
                ModelPlan plan = ModelPlan.For(manifest, options.AllowsUnsafe);
                string source = ModelEmitter.Emit(plan, ManifestProblemClassifier.FileName(file.Path), nameSpace);
                return new GeneratedModel(file.Path, manifest.Name, source, default, nameSpace);
            }
            catch (ManifestException e)
            {
                return Failed(file, ManifestProblemClassifier.Classify(file, e));
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception e)
            {
                return Failed(file, DiagnosticInfo.AtFileStart(KwsDiagnostics.GeneratorFailure, file.Path, file.Text,
                    ManifestProblemClassifier.FileName(file.Path), e.GetType().Name + ": " + e.Message));
            }
        }

        private static GeneratedModel Failed(ManifestText file, DiagnosticInfo diagnostic) =>
            new GeneratedModel(file.Path, null, null, new EquatableArray<DiagnosticInfo>(new[] { diagnostic }));
    }
}
