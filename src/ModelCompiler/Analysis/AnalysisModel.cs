using Kws.Compiler.Checkpoints;
using Kws.Compiler.Cli;
using Kws.Compiler.Configuration;
using Kws.Compiler.Export;
using Kws.Runtime.Manifest;

namespace Kws.Compiler.Analysis;

/// <summary>A model under analysis: the name the report shows (FP32, PTQ, QAT...), its checkpoint file and its manifest.</summary>
public sealed record AnalysisModel(string Name, string Checkpoint, ModelManifest Manifest)
{
    /// <summary>
    /// Reads a checkpoint into its manifest as kwsc export would (with <paramref name="labels"/> as --labels gives them,
    /// or the default set); named <paramref name="name"/> or by its kind (PTQ, QAT).
    /// </summary>
    public static AnalysisModel FromCheckpoint(string path, M5Config config, IReadOnlyList<string>? labels = null, string? name = null)
    {
        ModelManifest manifest = ManifestExporter.Build(CheckpointReader.Read(path), config, labels, null, "kwsc " + KwscCommandLine.Version);
        return new AnalysisModel(name ?? manifest.Source.Kind.ToUpperInvariant(), Path.GetFileName(path), manifest);
    }
}
