namespace Kws.Compiler.Diff;

/// <summary>One layer of the M5 in two checkpoints: what each holds and what happened between them.</summary>
public sealed record LayerDifference(string Layer, string First, string Second, string Change);
