using System.Globalization;
using System.Text.Json;
using Kws.Compiler.Checkpoints;
using Kws.Compiler.Recognition;
using Kws.Runtime.Manifest;

namespace Kws.Compiler.Cli;

/// <summary>
/// What <c>kwsc inspect</c> says after the listing: the M5 it recognises (layout; which stages are int8, which float,
/// fused or not, and where the quant stub sits), or why the checkpoint is not one kwsc can compile.
/// </summary>
public static class ModelListing
{
    public static void WriteText(Checkpoint checkpoint, TextWriter output)
    {
        output.WriteLine();
        if (Recognise(checkpoint, out string? problem) is not M5Model model)
        {
            output.WriteLine($"not an M5 checkpoint kwsc can compile: {problem}");
            return;
        }
        output.WriteLine($"recognised: an M5 in the {model.Layout.Describe()}, {Scope(model)}");
        var rows = new List<(string Name, string Keys, string What)>();
        if (model.InputQuantization is ActivationQuantization stub)
        {
            rows.Add(("quant", "quant.*", $"QuantStub before {model.Convolutions.First(c => c.Form.IsInt8()).Name}: {Activation(stub)}"));
        }
        foreach (ConvStage conv in model.Convolutions)
        {
            rows.Add((conv.Name, conv.Module + ".*" + (conv.BatchNormModule is string bn ? $" + {bn}.*" : ""),
                $"{conv.Form.Describe()}, [{conv.OutChannels}, {conv.InChannels}, {conv.KernelSize}]{Output(conv.Weights)}"));
        }
        LinearStage fc = model.Classifier;
        rows.Add((fc.Name, "fc1.*", (fc.Weights.IsInt8 ? "int8 quantized Linear (packed)" : "float32 Linear") + $", [{fc.OutFeatures}, {fc.InFeatures}]{Output(fc.Weights)}"));
        int nameWidth = rows.Max(r => r.Name.Length), keyWidth = rows.Max(r => r.Keys.Length);
        foreach ((string name, string keys, string what) in rows)
        {
            output.WriteLine($"  {name.PadRight(nameWidth)}  {keys.PadRight(keyWidth)}  {what}");
        }
    }

    /// <summary>The "model" member of <c>inspect --json</c>: the same facts, or <c>{"problem": ...}</c>.</summary>
    public static void WriteJson(Checkpoint checkpoint, Utf8JsonWriter json)
    {
        json.WriteStartObject("model");
        if (Recognise(checkpoint, out string? problem) is not M5Model model)
        {
            json.WriteString("problem", problem);
            json.WriteEndObject();
            return;
        }
        json.WriteString("layout", model.Layout == CheckpointLayout.Modular ? "modular" : "m5");
        json.WriteString("quantization", model.Scope switch
        {
            QuantizationScope.None => "none",
            QuantizationScope.WholeModel => "whole-model",
            _ => "layer-wise",
        });
        json.WriteString("precision", ManifestWriter.PrecisionName(model.Precision));
        json.WriteStartArray("int8Blocks");
        foreach (int block in model.Int8Blocks) json.WriteNumberValue(block);
        json.WriteEndArray();
        json.WriteStartArray("stages");
        foreach (ConvStage conv in model.Convolutions)
        {
            json.WriteStartObject();
            json.WriteString("name", conv.Name);
            json.WriteString("module", conv.Module);
            json.WriteString("form", conv.Form switch
            {
                BlockForm.FloatWithBatchNorm => "float-unfused",
                BlockForm.FloatFused => "float-fused",
                _ => "int8-fused",
            });
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteString("classifier", model.Classifier.Weights.IsInt8 ? "int8" : "float32");
        json.WriteEndObject();
    }

    private static M5Model? Recognise(Checkpoint checkpoint, out string? problem)
    {
        try
        {
            problem = null;
            return M5Recognizer.Recognize(checkpoint);
        }
        catch (CheckpointException e)
        {
            problem = e.Message;
            return null;
        }
    }

    private static string Scope(M5Model model) => model.Scope switch
    {
        QuantizationScope.None => "FP32 (every stage float32)",
        QuantizationScope.WholeModel => "fully quantized (every stage and fc1 int8: PTQ or QAT)",
        _ => $"layer-wise quantized (block {model.Int8Blocks[0]} int8, the other blocks and fc1 float32)",
    };

    private static string Output(StageWeights weights) =>
        weights.Output is ActivationQuantization q ? $", output {Activation(q)}" : "";

    private static string Activation(ActivationQuantization q) =>
        string.Create(CultureInfo.InvariantCulture, $"scale {q.Scale:R} zero point {q.ZeroPoint}");
}
