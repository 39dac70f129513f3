using System;
using System.Threading;
using Kws.Generator.Emit;
using Kws.Runtime.Manifest;

namespace Kws.Generator.Pipeline
{
    /// <summary>One manifest in, one <see cref="GeneratedModel"/> out; every failure becomes a diagnostic, never an exception.</summary>
    internal static class ModelGeneration
    {
        public static GeneratedModel Generate(ManifestFile file, CancellationToken cancellationToken)
        {
            try
            {
                ModelManifest manifest = ManifestReader.Read(file.Text);
                cancellationToken.ThrowIfCancellationRequested();
                string source = ModelEmitter.Emit(manifest, ManifestProblemClassifier.FileName(file.Path));
                return new GeneratedModel(file.Path, manifest.Name, source, default);
            }
            catch (ManifestException e)
            {
                return Failed(file, ManifestProblemClassifier.Classify(file, e));
            }
            catch (ManifestValidationException e)
            {
                return Failed(file, ManifestProblemClassifier.AtLayer(KwsDiagnostics.InconsistentModel, file, e.LayerIndex, e.Message));
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

        private static GeneratedModel Failed(ManifestFile file, DiagnosticInfo diagnostic) =>
            new GeneratedModel(file.Path, null, null, new EquatableArray<DiagnosticInfo>(new[] { diagnostic }));
    }
}
