using System.Text;
using Kws.Compiler.Checkpoints;
using Kws.Compiler.Configuration;
using Kws.Compiler.Recognition;
using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;

namespace Kws.Compiler.Export;

/// <summary>
/// Builds the <see cref="ModelManifest"/> of a checkpoint and its config (docs/manifest.md), validates it with the
/// same <see cref="ManifestValidator"/> the engines use, and returns its canonical text.
/// </summary>
public static class ManifestExporter
{
    /// <summary>
    /// The manifest of <paramref name="checkpoint"/>. <paramref name="engine"/> is the PyTorch engine whose int8
    /// arithmetic it states; null takes the checkpoint's evident one (<see cref="EngineGuess"/>), onednn for a float
    /// checkpoint, which has no int8 arithmetic and refuses an explicit engine.
    /// </summary>
    public static ModelManifest Build(Checkpoint checkpoint, M5Config config, IReadOnlyList<string>? labels, string? name, string compiler,
        QuantizedEngine? engine = null)
    {
        M5Model model = M5Recognizer.Recognize(checkpoint);
        if (engine is not null && model.Precision == ModelPrecision.Float32)
        {
            throw new CheckpointException($"{checkpoint.FileName} is a float32 checkpoint: an engine applies to quantized checkpoints only");
        }
        engine ??= EngineGuess.Of(checkpoint)?.Engine ?? QuantizedEngine.Onednn;
        IReadOnlyList<LayerSpec> layers = ModelGraphBuilder.Build(model, config);
        labels ??= model.Classes == SpeechCommandsLabels.V2Sorted.Count
            ? SpeechCommandsLabels.V2Sorted
            : throw new CheckpointException($"{checkpoint.FileName}: the model has {model.Classes} classes, not the 35 Speech Commands words; give their names with --labels <file>");
        if (labels.Count != model.Classes)
        {
            throw new CheckpointException($"the labels file has {labels.Count} labels but the model has {model.Classes} classes");
        }
        name ??= PascalCase(Path.GetFileNameWithoutExtension(checkpoint.FileName));
        var source = new SourceCheckpoint(checkpoint.FileName, checkpoint.Sha256,
            config.ModelType?.SourceKind ?? SourceKind(checkpoint.FileName, model.Precision));
        var manifest = new ModelManifest(name, source, compiler, labels, config.SampleRate, config.InputLength, layers, engine.Value);
        try
        {
            ManifestValidator.Validate(manifest);
        }
        catch (ManifestValidationException e)
        {
            throw new CheckpointException($"{checkpoint.FileName}: the model it holds cannot be exported: {e.Message}", e);
        }
        return manifest;
    }

    /// <summary>
    /// Without a model_type in the config: fp32 for float models; for int8 and mixed ones ptq or qat when the file
    /// name says so (a state_dict cannot tell them apart), else int8.
    /// </summary>
    public static string SourceKind(string fileName, ModelPrecision precision)
    {
        if (precision == ModelPrecision.Float32) return "fp32";
        string lower = fileName.ToLowerInvariant();
        return lower.Contains("qat", StringComparison.Ordinal) ? "qat" : lower.Contains("ptq", StringComparison.Ordinal) ? "ptq" : "int8";
    }

    /// <summary>cnn_ptq_model -> CnnPtqModel: words split at anything not a letter or digit, each capitalised.</summary>
    public static string PascalCase(string stem)
    {
        var name = new StringBuilder(stem.Length);
        bool startOfWord = true;
        foreach (char c in stem)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                startOfWord = true;
                continue;
            }
            name.Append(startOfWord ? char.ToUpperInvariant(c) : c);
            startOfWord = false;
        }
        return name.ToString();
    }
}
