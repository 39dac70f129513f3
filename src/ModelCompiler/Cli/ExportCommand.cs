using Kws.Compiler.Checkpoints;
using Kws.Compiler.Configuration;
using Kws.Compiler.Export;
using Kws.Compiler.Files;
using Kws.Runtime.Manifest;

namespace Kws.Compiler.Cli;

/// <summary><c>kwsc export &lt;ckpt.pth&gt; --config &lt;cfg.yaml&gt; [--labels &lt;file&gt;] [--name &lt;Name&gt;] [--engine onednn|qnnpack] -o &lt;out.kws.json&gt;</c>.</summary>
public sealed class ExportCommand : ICommand
{
    public string Name => "export";

    public string Summary => "write the weight manifest (*.kws.json) of a checkpoint and its config";

    public string Usage => """
        usage: kwsc export <ckpt.pth> --config <cfg.yaml> [--labels <file>] [--name <Name>] [--engine <engine>] -o <out.kws.json>

        Recognises the M5 model in the checkpoint (FP32 with BatchNorm, or PTQ/QAT int8), checks it against the
        config's model.base_cnn, and writes the manifest described in docs/manifest.md.
          --config <file>   the seed-style YAML config (model.base_cnn; data.new_sample_rate, data.input_length)
          --labels <file>   class names, one per line (default: the 35 Speech Commands v2 words, sorted)
          --name <Name>     the model's C# name (default: the checkpoint's file name in PascalCase)
          --engine <engine> onednn or qnnpack: the PyTorch engine whose int8 arithmetic to reproduce (default: the one
                            the checkpoint looks made for: per-channel weights onednn, per-tensor qnnpack)
          -o <file>         where to write the manifest (never one of the inputs; written whole or not at all)
        """;

    public int Run(IReadOnlyList<string> args, TextWriter output)
    {
        ParsedArguments parsed = ParsedArguments.Parse(Name, args,
            ["--config", "--labels", "--name", "--engine", "-o", "--output"], []);
        string checkpointPath = parsed.ExpectPositionals(1, "one checkpoint file")[0];
        string configPath = parsed.RequiredOption("--config");
        string outputPath = parsed.Option("--output") ?? parsed.RequiredOption("-o");
        string? name = parsed.Option("--name");
        if (name is not null && !ManifestValidator.IsIdentifier(name))
        {
            throw new UsageException($"{Name}: --name \"{name}\" is not a C# identifier");
        }
        QuantizedEngine? engine = null;
        if (parsed.Option("--engine") is string engineName)
        {
            engine = QuantizedEngines.FromName(engineName)
                ?? throw parsed.Problem($"--engine \"{engineName}\" is not an engine: {QuantizedEngines.OnednnName} or {QuantizedEngines.QnnpackName}");
        }
        string? labelsPath = parsed.Option("--labels");
        OutputFile.RefuseInputs(outputPath, "-o", checkpointPath, configPath, labelsPath);
        M5Config config = M5ConfigReader.Read(configPath);
        IReadOnlyList<string>? labels = labelsPath is null ? null : LabelsFile.Read(labelsPath);
        Checkpoint checkpoint = CheckpointReader.Read(checkpointPath);
        ModelManifest manifest = ManifestExporter.Build(checkpoint, config, labels, name, "kwsc " + KwscCommandLine.Version, engine);
        OutputFile.WriteAllText(outputPath, ManifestWriter.Write(manifest), "the manifest");
        output.WriteLine($"wrote {outputPath}: {manifest.Name}, {ManifestWriter.PrecisionName(manifest.Precision)} ({manifest.Source.Kind}), " +
            $"{manifest.Layers.Count} layers, {manifest.Labels.Count} labels, input {manifest.InputLength} samples at {manifest.SampleRate} Hz");
        if (manifest.Precision != ModelPrecision.Float32)
        {
            output.WriteLine(engine is null
                ? $"engine {EngineGuess.Of(checkpoint)!.Describe()}; --engine chooses another"
                : $"engine {manifest.Engine.Name()} (--engine)");
        }
        return 0;
    }
}
