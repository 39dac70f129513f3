using Kws.Runtime.Manifest;

namespace Kws.Compiler.Analysis;

/// <summary>A model under analysis: the name the report shows (FP32, PTQ, QAT...), its checkpoint file and its manifest.</summary>
public sealed record AnalysisModel(string Name, string Checkpoint, ModelManifest Manifest);
