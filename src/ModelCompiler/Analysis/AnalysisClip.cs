namespace Kws.Compiler.Analysis;

/// <summary>One clip as the models see it: the model's input samples, and its true label when it came from a labelled folder.</summary>
public sealed record AnalysisClip(string File, string? Label, float[] Samples);
