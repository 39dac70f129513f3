using Kws.Compiler.Checkpoints;
using Kws.Compiler.Diff;
using Kws.Compiler.Recognition;

namespace Kws.Compiler.Cli;

/// <summary><c>kwsc diff &lt;a.pth&gt; &lt;b.pth&gt;</c>: the seed's "Overall" table computed from two checkpoints, then the details.</summary>
public sealed class DiffCommand : ICommand
{
    public string Name => "diff";

    public string Summary => "show what differs between two checkpoints, grouped as the seed's Overall table";

    public string Usage => """
        usage: kwsc diff <a.pth> <b.pth>

        Prints a table with one row per component (convolution, BatchNorm, FC, quant stubs) showing each
        checkpoint's keys (layer numbers written as X) and what changed: BatchNorm folded, quantization parameters
        added, FC packed, quant stubs added, dtype or shape changes, different values. Keys are matched under the
        M5's names, so the modular layout (block1.block.0) compares with conv1/bn1. For two M5 checkpoints, a
        second table says per layer what each holds and what happened (kept, folded, quantized). Then every renamed
        (=), removed (-), added (+) and changed (~, *) key.
        """;

    public int Run(IReadOnlyList<string> args, TextWriter output)
    {
        ParsedArguments parsed = ParsedArguments.Parse(Name, args, [], []);
        IReadOnlyList<string> paths = parsed.ExpectPositionals(2, "two checkpoint files");
        Checkpoint a = CheckpointReader.Read(paths[0]), b = CheckpointReader.Read(paths[1]);
        IReadOnlyList<ComponentDifference> differences = CheckpointComparison.Compare(a, b);
        // A modular checkpoint and its M5 twin are often both cnn_fp32_model.pth in two folders: the paths tell them apart.
        (string nameA, string nameB) = a.FileName == b.FileName ? (paths[0], paths[1]) : (a.FileName, b.FileName);

        output.WriteLine($"| Components | {nameA} keys ({a.Entries.Count}) | {nameB} keys ({b.Entries.Count}) | Difference |");
        output.WriteLine("| --- | --- | --- | --- |");
        foreach (ComponentDifference d in differences)
        {
            output.WriteLine($"| {d.Kind.Title()} | {Patterns(d.KeysA)} | {Patterns(d.KeysB)} | {string.Join("; ", d.Summary)} |");
        }
        output.WriteLine();
        WriteLayers(a, b, nameA, nameB, output);
        if (CheckpointLayouts.Of(a.Entries.Select(e => e.Key)) != CheckpointLayouts.Of(b.Entries.Select(e => e.Key)))
        {
            output.WriteLine($"keys matched under the M5's names: {KeyMapping.Description}");
        }
        foreach (ComponentDifference d in differences)
        {
            foreach (string pair in d.Renamed) output.WriteLine($"= {pair}");
            foreach (string key in d.Removed) output.WriteLine($"- {key}");
            foreach (string key in d.Added) output.WriteLine($"+ {key}");
            foreach (string change in d.Changed) output.WriteLine($"~ {change}");
            foreach (string key in d.ValuesDiffer) output.WriteLine($"* {key}: same dtype and shape, different values");
        }
        return 0;
    }

    /// <summary>The layer table (what each file holds per layer, and what happened), when both are M5 checkpoints.</summary>
    private static void WriteLayers(Checkpoint a, Checkpoint b, string nameA, string nameB, TextWriter output)
    {
        IReadOnlyList<LayerDifference> layers = LayerComparison.Compare(a, b, out string? problem);
        if (problem is not null)
        {
            output.WriteLine($"layers not compared: {problem}");
            output.WriteLine();
            return;
        }
        output.WriteLine($"| Layer | {nameA} | {nameB} | What happened |");
        output.WriteLine("| --- | --- | --- | --- |");
        foreach (LayerDifference layer in layers)
        {
            output.WriteLine($"| {layer.Layer} | {layer.First} | {layer.Second} | {layer.Change} |");
        }
        output.WriteLine();
    }

    private static string Patterns(IReadOnlyList<string> keys) =>
        keys.Count == 0 ? "" : string.Join(", ", keys.Select(ComponentKinds.Pattern).Distinct().Select(k => $"`{k}`"));
}
