using System.Text.Json;
using Kws.Tests.Shared;

namespace Kws.Compiler.Tests.Analysis;

/// <summary>
/// models/references/analysis.json, written by models/recipe/analysis_reference.py: PyTorch's figures for the same
/// analysis on the committed checkpoints and clips, computed independently of the C# code.
/// </summary>
internal sealed class PyTorchAnalysisReference
{
    private readonly JsonElement root;

    private PyTorchAnalysisReference(JsonElement root) => this.root = root;

    public static string FilePath => Path.Combine(RepositoryPaths.References, "analysis.json");

    public static PyTorchAnalysisReference Load()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(FilePath));
        return new PyTorchAnalysisReference(document.RootElement.Clone());
    }

    /// <summary>The quantized kinds analysed ("ptq", "qat"), in the order the script ran them.</summary>
    public IReadOnlyList<string> QuantizedKinds =>
        [.. root.GetProperty("checkpoints").EnumerateObject().Select(p => p.Name).Where(k => k != "fp32")];

    /// <summary>File name (relative to models/) and SHA-256 of the checkpoint of <paramref name="kind"/> the figures came from.</summary>
    public (string File, string Sha256) Checkpoint(string kind)
    {
        JsonElement c = root.GetProperty("checkpoints").GetProperty(kind);
        return (c.GetProperty("file").GetString()!, c.GetProperty("sha256").GetString()!);
    }

    public int Clips => root.GetProperty("clips").GetInt32();

    /// <summary>Top-1 hits of a model: "fp32", "ptq" or "qat".</summary>
    public int Correct(string kind) => root.GetProperty("correct").GetProperty(kind).GetInt32();

    /// <summary>Per-layer error figures (name, count, mse, mae, cosine, sqnrDb, errorStd, meanError) of a quantized kind.</summary>
    public IReadOnlyList<JsonElement> Layers(string kind) => [.. root.GetProperty("layers").GetProperty(kind).EnumerateArray()];

    /// <summary>Clips right with one block (or "all") quantized.</summary>
    public int Sensitivity(string kind, string block) => root.GetProperty("sensitivity").GetProperty(kind).GetProperty(block).GetInt32();

    /// <summary>Per layer: name, scales[], rangeUse[].</summary>
    public IReadOnlyList<JsonElement> Weights(string kind) => [.. root.GetProperty("weights").GetProperty(kind).EnumerateArray()];

    /// <summary>Per tensor: name, seenMin, seenMax, quantizedMin, quantizedMax, clippedShare.</summary>
    public IReadOnlyList<JsonElement> Activations(string kind) => [.. root.GetProperty("activations").GetProperty(kind).EnumerateArray()];

    public static double Number(JsonElement element, string name) =>
        element.GetProperty(name) is { ValueKind: JsonValueKind.String } text && text.GetString() == "Infinity"
            ? double.PositiveInfinity
            : element.GetProperty(name).GetDouble();
}
