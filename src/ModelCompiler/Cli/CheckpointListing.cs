using System.Globalization;
using System.Text.Json;
using Kws.Compiler.Checkpoints;
using Kws.Compiler.Export;
using Kws.Runtime.Manifest;
using Kws.Compiler.Pickle;

namespace Kws.Compiler.Cli;

/// <summary>
/// <c>kwsc inspect</c>'s output: the seed notebook's listing (one line per key: key, dtype, size, or the Python type
/// of a non-tensor), with quantization details and one-element values on indented lines below; or the same as JSON.
/// </summary>
public static class CheckpointListing
{
    public static void WriteText(Checkpoint checkpoint, TextWriter output)
    {
        output.WriteLine($"{checkpoint.FileName} has {checkpoint.Entries.Count} keys:");
        foreach (StateDictEntry entry in checkpoint.Entries)
        {
            if (entry.Value is TorchTensor tensor)
            {
                output.WriteLine($"{entry.Key} {tensor.DType.TorchName()} {tensor.SizeText}");
                WriteDetails(tensor, "    ", output);
                continue;
            }
            output.WriteLine($"{entry.Key} {PythonTypeNames.Of(entry.Value)}");
            if (entry.Value is PickleTuple tuple)
            {
                for (int i = 0; i < tuple.Count; i++)
                {
                    output.WriteLine(tuple[i] is TorchTensor item
                        ? $"    [{i}] {item.DType.TorchName()} {item.SizeText}"
                        : $"    [{i}] {Scalar(tuple[i])}");
                    if (tuple[i] is TorchTensor inner) WriteDetails(inner, "        ", output);
                }
            }
            else if (entry.Value is not (List<object?> or PickleDict))
            {
                output.WriteLine($"    value {Scalar(entry.Value)}");
            }
        }
    }

    public static void WriteJson(Checkpoint checkpoint, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("file", checkpoint.FileName);
        json.WriteString("sha256", checkpoint.Sha256);
        json.WriteNumber("keyCount", checkpoint.Entries.Count);
        json.WriteStartArray("entries");
        foreach (StateDictEntry entry in checkpoint.Entries)
        {
            json.WriteStartObject();
            json.WriteString("key", entry.Key);
            WriteValue(json, entry.Value);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        ModelListing.WriteJson(checkpoint, json);
        if (EngineGuess.Of(checkpoint) is EngineGuess engine)
        {
            json.WriteStartObject("engine");
            json.WriteString("guess", engine.Engine.Name());
            json.WriteString("reason", engine.Reason);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void WriteDetails(TorchTensor tensor, string indent, TextWriter output)
    {
        if (tensor.Quantization is TensorQuantization q)
        {
            output.WriteLine(q.Scheme.IsPerChannel()
                ? $"{indent}{q.Scheme.TorchName()} axis {q.Axis} scales [{Numbers(q.Scales)}] zero_points [{Numbers(q.ZeroPoints)}]"
                : $"{indent}{q.Scheme.TorchName()} scale {Number(q.Scales[0])} zero_point {Number(q.ZeroPoints[0])}");
        }
        if (tensor.ElementCount == 1)
        {
            output.WriteLine($"{indent}value {Number(tensor.ToDoubles()[0])}");
        }
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case TorchTensor tensor:
                json.WriteString("kind", "tensor");
                json.WriteString("dtype", tensor.DType.TorchName());
                json.WriteStartArray("shape");
                foreach (long d in tensor.Shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                if (tensor.Quantization is TensorQuantization q)
                {
                    json.WriteStartObject("quantization");
                    json.WriteString("scheme", q.Scheme.TorchName());
                    if (q.Scheme.IsPerChannel()) json.WriteNumber("axis", q.Axis);
                    WriteNumbers(json, "scales", q.Scales);
                    WriteNumbers(json, "zeroPoints", q.ZeroPoints);
                    json.WriteEndObject();
                }
                if (tensor.ElementCount == 1)
                {
                    json.WritePropertyName("value");
                    WriteNumber(json, tensor.ToDoubles()[0]);
                }
                break;
            case PickleTuple tuple:
                json.WriteString("kind", "tuple");
                json.WriteStartArray("items");
                foreach (object? item in tuple.Items)
                {
                    json.WriteStartObject();
                    WriteValue(json, item);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                break;
            default:
                json.WriteString("kind", value is TorchDTypeValue ? "dtype" : "value");
                json.WriteString("type", PythonTypeNames.Of(value));
                json.WriteString("value", Scalar(value));
                break;
        }
    }

    private static void WriteNumbers(Utf8JsonWriter json, string name, double[] values)
    {
        json.WriteStartArray(name);
        foreach (double v in values) WriteNumber(json, v);
        json.WriteEndArray();
    }

    /// <summary>A number, or for NaN and infinities (which JSON cannot hold) their name as a string.</summary>
    private static void WriteNumber(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value)) json.WriteNumberValue(value);
        else json.WriteStringValue(Number(value));
    }

    private static string Scalar(object? value) => value switch
    {
        null => "None",
        TorchTensor t => $"{t.DType.TorchName()} {t.SizeText}",
        TorchDTypeValue d => d.ToString(),
        QuantizationScheme s => "torch." + s.TorchName(),
        double d => Number(d),
        long l => l.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "True" : "False",
        string s => s,
        _ => PythonTypeNames.Of(value),
    };

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Numbers(double[] values) => string.Join(", ", values.Select(Number));
}
