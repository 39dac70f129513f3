using System.Text;
using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;

namespace Kws.Fuzz.Targets;

/// <summary>
/// Seeds of the manifest target beyond the committed models: tiny valid manifests of every layer type (small inputs
/// mutate faster than the 46-144 KB committed ones) and small versions of the hostile manifests of issue #19.
/// </summary>
internal static class HostileManifests
{
    public static IEnumerable<(string Name, byte[] Bytes)> All()
    {
        string int8 = ManifestWriter.Write(TinyInt8());
        string float32 = ManifestWriter.Write(TinyFloat());
        var seeds = new List<(string, string)>
        {
            ("tiny-int8.kws.json", int8),
            ("tiny-float32.kws.json", float32),
            ("deep.kws.json", new string('[', 1000) + new string(']', 1000)),
            ("long-number.kws.json", "{\"format\": \"kws-manifest\", \"formatVersion\": " + new string('9', 100_000) + "}"),
            ("many-labels.kws.json", float32.Replace("\"labels\": [", "\"labels\": [" + string.Concat(Enumerable.Repeat("\"x\", ", 20_000)), StringComparison.Ordinal)),
            ("surrogates.kws.json", float32.Replace("\"b\"", "\"\\ud800\\udfff\\udc00\"", StringComparison.Ordinal)),
            ("escapes.kws.json", "{\"format\": \"kws-manifest\\u0000\\/\\b\\f\\n\\r\\t\\\"\\\\\\uZZZZ\"}"),
            ("duplicate.kws.json", "{\"format\": \"kws-manifest\", \"format\": \"kws-manifest\"}"),
            ("numbers.kws.json", "[-0, 0.5e-7, 1E+400, -1e-400, 2147483648, -2147483649, 01, 1., .5, -]"),
            // Dimensions whose product wraps around 2^64 to 0 (16 x 2^30 x 2^30): weights of no bytes would match.
            ("wrapping-shape.kws.json", float32.Replace("\"outChannels\": 2", "\"outChannels\": 16", StringComparison.Ordinal)
                .Replace("\"inChannels\": 1", "\"inChannels\": 1073741824", StringComparison.Ordinal)
                .Replace("\"kernelSize\": 4", "\"kernelSize\": 1073741824", StringComparison.Ordinal)),
            ("huge-input.kws.json", float32.Replace("\"length\": 16", "\"length\": 2147483647", StringComparison.Ordinal)),
        };
        foreach (var (name, text) in seeds) yield return (name, Encoding.UTF8.GetBytes(text));
        yield return ("bom.kws.json", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(int8)]);
        yield return ("latin1.kws.json", [.. Encoding.UTF8.GetBytes("{\"format\": \"kws-manifest\", \"name\": \""), 0xE9, (byte)'"', (byte)'}']);
        yield return ("utf16.kws.json", Encoding.Unicode.GetBytes(int8[..200]));
    }

    /// <summary>quantize, int8 conv1d, maxpool1d, avgpool1d, int8 linear, dequantize, logsoftmax.</summary>
    private static ModelManifest TinyInt8()
    {
        var inQ = new ActivationQuantization(0.0078125, 128);
        var convQ = new ActivationQuantization(0.05, 3);
        var fcQ = new ActivationQuantization(0.1, 120);
        return new ModelManifest("TinyInt8", new SourceCheckpoint("tiny.pth", "00", "ptq"), "kws-fuzz", ["a", "b", "c"], 8000, 16,
        [
            new QuantizeLayer("quant", 1, 16, inQ),
            new Conv1dLayer("conv1", 1, 2, 4, 2, 16, 7, true, [0.5f, -0.25f], null,
                [1, -2, 3, -4, 5, -6, 7, -8], new WeightQuantization(true, 0, [0.01, 0.02], [0, 0]), inQ, convQ),
            new MaxPool1dLayer("pool1", 2, 2, 2, 7, 3),
            new GlobalAvgPool1dLayer("avgpool", 2, 3, convQ),
            new LinearLayer("fc1", 2, 3, false, [0f, 0.1f, -0.1f], null, [10, -10, 20, 5, -127, 127],
                new WeightQuantization(false, 0, [0.03], [0]), convQ, fcQ),
            new DequantizeLayer("dequant", 3, 1, fcQ),
            new LogSoftmaxLayer("log_softmax", 3),
        ]);
    }

    /// <summary>float conv1d, maxpool1d, adaptiveavgpool1d, float linear, logsoftmax.</summary>
    private static ModelManifest TinyFloat() =>
        new("TinyFloat", new SourceCheckpoint("tiny.pth", "00", "fp32"), "kws-fuzz", ["a", "b", "c"], 16000, 16,
        [
            new Conv1dLayer("conv1", 1, 2, 4, 2, 16, 7, true, [0.5f, -0.25f], [0.1f, -0.2f, 0.3f, -0.4f, 0.5f, -0.6f, 0.7f, -0.8f],
                null, null, null, null),
            new MaxPool1dLayer("pool1", 2, 2, 2, 7, 3),
            new AdaptiveAvgPool1dLayer("avgpool", 2, 3, null),
            new LinearLayer("fc1", 2, 3, false, [0f, 0.1f, -0.1f], [1f, -1f, 2f, 0.5f, -0.25f, 0.125f], null, null, null, null),
            new LogSoftmaxLayer("log_softmax", 3),
        ]);
}
