using System.Globalization;
using Kws.Compiler.Checkpoints;
using Kws.Compiler.Files;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Kws.Compiler.Configuration;

/// <summary>Reads an <see cref="M5Config"/> from YAML with YamlDotNet's document model; every error names the key.</summary>
public static class M5ConfigReader
{
    /// <summary>The largest config read (the seed's are under 2 KB).</summary>
    public const long MaxConfigBytes = 1 << 20;

    /// <summary>The deepest nesting of mappings and sequences accepted (the seed's configs nest 3 deep).</summary>
    public const int MaxDepth = 64;

    /// <summary>The most YAML nodes accepted (scalars, mappings, sequences, aliases; the seed's configs have about 60).</summary>
    public const int MaxNodes = 100_000;

    public static M5Config Read(string path)
    {
        string text = InputFile.ReadUtf8Text(path, MaxConfigBytes, "a YAML config");
        string fileName = Path.GetFileName(path);
        return Parse(text, fileName);
    }

    public static M5Config Parse(string text, string fileName)
    {
        var stream = new YamlStream();
        try
        {
            CheckShape(text, fileName);
            stream.Load(new StringReader(text));
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException or ArgumentException)
        {
            // YamlDotNet rejects some malformed text with InvalidOperationException or ArgumentException rather than
            // YamlException (found by fuzzing: "!!+6", "... \x01", a stray document marker after a flow mapping).
            throw new CheckpointException($"{fileName}: not valid YAML ({e.Message.ReplaceLineEndings(" ")})", e);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new CheckpointException($"{fileName}: the config is not a YAML mapping");
        }
        YamlMappingNode model = Mapping(Find(root, "model"), fileName, "model");
        var cnn = Mapping(Find(model, "base_cnn"), fileName, "model.base_cnn");
        var data = Find(root, "data") is YamlNode d ? Mapping(d, fileName, "data") : null;
        int Required(string key) => Int(Find(cnn, key), fileName, "model.base_cnn." + key)
            ?? throw new CheckpointException($"{fileName}: model.base_cnn.{key} is missing");
        int Optional(string key, int fallback) => data is null ? fallback : Int(Find(data, key), fileName, "data." + key) ?? fallback;

        if (Find(cnn, "conv_kernel_sizes") is not YamlSequenceNode kernels)
        {
            throw new CheckpointException($"{fileName}: model.base_cnn.conv_kernel_sizes is missing or not a list");
        }
        var kernelSizes = IntList(kernels, fileName, "model.base_cnn.conv_kernel_sizes");
        return new M5Config(fileName, Required("n_input"), Required("n_output"), Required("stride"), Required("n_channel"), kernelSizes,
            Optional("new_sample_rate", M5Config.DefaultSampleRate), Optional("input_length", M5Config.DefaultInputLength))
        {
            ModelType = ModelTypeOf(Find(root, "model_type"), fileName),
            QuantizedBlocks = Find(model, "quantization") switch
            {
                null => null,
                YamlSequenceNode blocks => IntList(blocks, fileName, "model.quantization"),
                _ => throw new CheckpointException($"{fileName}: model.quantization must be a list of block numbers such as [1, 2, 3, 4]"),
            },
        };
    }

    private static int[] IntList(YamlSequenceNode list, string fileName, string key) =>
        list.Children.Select((k, i) => Int(k, fileName, $"{key}[{i}]") ?? throw new CheckpointException($"{fileName}: {key}[{i}] is empty")).ToArray();

    /// <summary>The seed's model_type, which must be one its main.py knows; null when absent.</summary>
    private static ModelType? ModelTypeOf(YamlNode? node, string fileName)
    {
        if (node is null) return null;
        string? name = (node as YamlScalarNode)?.Value;
        return (name is null ? null : ModelType.Find(name)) ?? throw new CheckpointException(
            $"{fileName}: model_type \"{name ?? node.NodeType.ToString()}\" is not one of the seed's ({string.Join(", ", ModelType.Known.Select(t => t.Name))})");
    }

    /// <summary>
    /// Walks the text's parse events (YamlDotNet's parser is a loop, its document model recurses) and refuses nesting
    /// deeper than <see cref="MaxDepth"/> or more than <see cref="MaxNodes"/> nodes before the document model is built.
    /// </summary>
    private static void CheckShape(string text, string fileName)
    {
        var parser = new Parser(new StringReader(text));
        int depth = 0, nodes = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case MappingStart or SequenceStart:
                    if (++depth > MaxDepth)
                    {
                        throw new CheckpointException($"{fileName}: the config nests more than {MaxDepth} levels deep, which no config needs (see docs/limits.md)");
                    }
                    break;
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }
            if (parser.Current is NodeEvent && ++nodes > MaxNodes)
            {
                throw new CheckpointException($"{fileName}: the config has more than {MaxNodes} YAML nodes, which no config needs (see docs/limits.md)");
            }
        }
    }

    private static YamlNode? Find(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? node) ? node : null;

    private static YamlMappingNode Mapping(YamlNode? node, string fileName, string key) =>
        node as YamlMappingNode ?? throw new CheckpointException($"{fileName}: {key} is missing or not a mapping");

    /// <summary>A positive integer, null when the key is absent or empty.</summary>
    private static int? Int(YamlNode? node, string fileName, string key)
    {
        if (node is null || node is YamlScalarNode { Value: null or "" or "~" or "null" }) return null;
        if (node is YamlScalarNode { Value: string text } &&
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0)
        {
            return value;
        }
        throw new CheckpointException($"{fileName}: {key} must be a positive integer, found \"{(node as YamlScalarNode)?.Value ?? node.NodeType.ToString()}\"");
    }
}
