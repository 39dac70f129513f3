using System.Text.Json;
using Kws.Host.Engines;
using Kws.Host.Output;
using Kws.Runtime;
using Kws.Runtime.Manifest;
using static System.FormattableString;

namespace Kws.Host.Commands;

/// <summary><c>kws info</c>: what model is baked into this binary and how it runs here.</summary>
internal sealed class InfoCommand : ICommand
{
    public string Name => "info";

    public string Summary => "the baked-in model and the SIMD path in use";

    public string Usage => """
        usage: kws info [--json]

        Describes the model baked into this binary: name, precision, source checkpoint and its SHA-256, labels,
        input format, layers, weight and scratch bytes, the SIMD path taken on this CPU and the instruction set the
        binary was compiled for.

        options:
          --json       print one JSON object (includes "labels", "layers", "simd")
          -h, --help   show this help

        """;

    public int Run(IReadOnlyList<string> args, TextWriter output)
    {
        var commandLine = ParsedArguments.Parse(Name, args, [], ["--json"]);
        commandLine.ExpectPositionals(0, "");
        ModelManifest manifest = BakedInModel.ReadManifest();
        IKeywordModel model = ModelEngines.CreateGenerated();
        IReadOnlyList<LayerSummary> layers = LayerSummary.Of(manifest);
        return CommandOutput.Print(output, commandLine.Flag("--json"), writer => WriteJson(writer, manifest, model, layers), () => WriteText(output, manifest, model, layers));
    }

    private static void WriteText(TextWriter o, ModelManifest manifest, IKeywordModel model, IReadOnlyList<LayerSummary> layers)
    {
        o.WriteLine(Invariant($"model        {manifest.Name} ({ManifestWriter.PrecisionName(manifest.Precision)})"));
        o.WriteLine(Invariant($"source       {manifest.Source.File} ({manifest.Source.Kind}), sha256 {manifest.Source.Sha256}"));
        o.WriteLine(Invariant($"manifest     {manifest.ContentHash}, written by {manifest.Compiler}"));
        o.WriteLine(Invariant($"input        {manifest.InputLength} samples, mono, {manifest.SampleRate} Hz"));
        o.WriteLine(Invariant($"labels       {manifest.Labels.Count}: {string.Join(' ', manifest.Labels)}"));
        o.WriteLine("layers");
        int nameWidth = layers.Max(l => l.Name.Length);
        int opWidth = layers.Max(l => l.Op.Length);
        int precisionWidth = layers.Max(l => l.Precision.Length);
        foreach (LayerSummary layer in layers)
        {
            o.WriteLine(Invariant($"  {layer.Name.PadRight(nameWidth)}  {layer.Op.PadRight(opWidth)}  {layer.Precision.PadRight(precisionWidth)}  {layer.Input,8} -> {layer.Output,-8}  {layer.Detail}").TrimEnd());
        }
        o.WriteLine(Invariant($"weights      {model.WeightBytes} bytes"));
        o.WriteLine(Invariant($"scratch      {model.ScratchBytes} bytes"));
        o.WriteLine(Invariant($"simd         {model.SimdPath} (compiled for {BuildFacts.InstructionSet}, {BuildFacts.RuntimeIdentifier})"));
        o.WriteLine(Invariant($"binary       {BuildFacts.BinaryBytes} bytes"));
    }

    private static void WriteJson(Utf8JsonWriter w, ModelManifest manifest, IKeywordModel model, IReadOnlyList<LayerSummary> layers)
    {
        w.WriteStartObject();
        w.WriteString("name", manifest.Name);
        w.WriteString("precision", ManifestWriter.PrecisionName(manifest.Precision));
        w.WriteStartObject("source");
        w.WriteString("file", manifest.Source.File);
        w.WriteString("sha256", manifest.Source.Sha256);
        w.WriteString("kind", manifest.Source.Kind);
        w.WriteEndObject();
        w.WriteString("compiler", manifest.Compiler);
        w.WriteString("contentHash", manifest.ContentHash);
        w.WriteStartObject("input");
        w.WriteNumber("sampleRate", manifest.SampleRate);
        w.WriteNumber("length", manifest.InputLength);
        w.WriteEndObject();
        JsonOutput.WriteStrings(w, "labels", manifest.Labels);
        w.WriteStartArray("layers");
        foreach (LayerSummary layer in layers)
        {
            w.WriteStartObject();
            w.WriteString("name", layer.Name);
            w.WriteString("op", layer.Op);
            w.WriteString("precision", layer.Precision);
            w.WriteString("input", layer.Input);
            w.WriteString("output", layer.Output);
            w.WriteString("detail", layer.Detail);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("weightBytes", model.WeightBytes);
        w.WriteNumber("scratchBytes", model.ScratchBytes);
        w.WriteString("simd", model.SimdPath);
        w.WriteString("instructionSet", BuildFacts.InstructionSet);
        w.WriteString("runtimeIdentifier", BuildFacts.RuntimeIdentifier);
        w.WriteNumber("binaryBytes", BuildFacts.BinaryBytes);
        w.WriteEndObject();
    }
}
