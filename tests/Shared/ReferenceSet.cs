namespace Kws.Tests.Shared;

/// <summary>
/// PyTorch's golden outputs for one checkpoint (<c>models/references/&lt;kind&gt;.json</c> + <c>.bin.gz</c>,
/// docs/references.md): for every committed sample the log-probabilities, the top-1 class and, for quantized
/// kinds, the <c>int_repr()</c> of every quantized intermediate tensor.
/// </summary>
internal sealed class ReferenceSet
{
    /// <summary>The three checkpoints the recipe produces.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["fp32", "ptq", "qat"];

    /// <summary>The quantized intermediates, in model order, that quantized kinds record.</summary>
    public static IReadOnlyList<string> IntermediateNames { get; } =
        ["quant", "conv1", "pool1", "conv2", "pool2", "conv3", "pool3", "conv4", "pool4", "avgpool", "fc1"];

    private ReferenceSet(string kind, string checkpoint, string torch, string engine, IReadOnlyList<string> labels,
        IReadOnlyList<SampleReference> samples)
    {
        Kind = kind;
        Checkpoint = checkpoint;
        Torch = torch;
        Engine = engine;
        Labels = labels;
        Samples = samples;
    }

    /// <summary><c>fp32</c>, <c>ptq</c> or <c>qat</c>.</summary>
    public string Kind { get; }

    /// <summary>Checkpoint file name relative to <c>models/</c>, e.g. <c>cnn_ptq_model.pth</c>.</summary>
    public string Checkpoint { get; }

    public string Torch { get; }

    public string Engine { get; }

    /// <summary>Class labels in model output order.</summary>
    public IReadOnlyList<string> Labels { get; }

    public IReadOnlyList<SampleReference> Samples { get; }

    /// <summary>Absolute path of the checkpoint these references were computed from.</summary>
    public string CheckpointPath => ReferenceFiles.ModelsPath(Checkpoint);

    public bool IsQuantized => Kind != "fp32";

    /// <summary>Loads <c>models/references/&lt;kind&gt;.json</c> and, for quantized kinds, its intermediates.</summary>
    public static ReferenceSet Load(string kind) => Load(RepositoryPaths.References, kind);

    /// <summary>Loads a reference set from another folder (tests of the reader itself).</summary>
    public static ReferenceSet Load(string referencesDirectory, string kind)
    {
        string jsonPath = Path.Combine(referencesDirectory, kind + ".json");
        ReferenceSetJson json = ReferenceFiles.ReadJson<ReferenceSetJson>(jsonPath);
        if (json.Kind != kind)
        {
            throw new InvalidDataException($"{jsonPath}: \"kind\" is \"{json.Kind}\", expected \"{kind}\".");
        }

        string binPath = Path.Combine(referencesDirectory, kind + ".bin.gz");
        bool anyIntermediates = json.Samples.Any(s => s.Intermediates is { Count: > 0 });
        byte[] blob = anyIntermediates ? ReferenceFiles.ReadBytes(binPath) : [];
        var samples = json.Samples.Select(s => new SampleReference(
                s.File, s.Label, s.Argmax, s.Predicted, s.LogProbs,
                (s.Intermediates ?? []).Select(i => new IntermediateReference(
                    i.Name, i.Shape, i.Scale, i.ZeroPoint,
                    ReferenceFiles.Slice(blob, i.Offset, i.Length, $"{binPath} ({s.File}, {i.Name})"))).ToList()))
            .ToList();
        return new ReferenceSet(json.Kind, json.Checkpoint, json.Torch, json.Engine, json.Labels, samples);
    }

    /// <summary>The reference for one sample, by its path relative to <c>models/</c>.</summary>
    public SampleReference Sample(string file) =>
        Samples.FirstOrDefault(s => s.File == file)
        ?? throw new KeyNotFoundException($"{Kind} references have no sample \"{file}\".");

    private sealed record ReferenceSetJson(string Kind, string Checkpoint, string Torch, string Engine,
        List<string> Labels, List<SampleJson> Samples);

    private sealed record SampleJson(string File, string Label, int Argmax, string Predicted, float[] LogProbs,
        List<IntermediateJson>? Intermediates);

    private sealed record IntermediateJson(string Name, int[] Shape, double Scale, int ZeroPoint, long Offset, long Length);
}

/// <summary>PyTorch's output for one committed sample.</summary>
/// <param name="File">Path relative to <c>models/</c>, e.g. <c>samples/clips/yes/yes_0.wav</c>.</param>
/// <param name="Label">The true label.</param>
/// <param name="Argmax">Index of the top log-probability.</param>
/// <param name="Predicted">The label at <paramref name="Argmax"/>.</param>
/// <param name="LogProbs">Float32 log-softmax output, one per label.</param>
/// <param name="Intermediates">Quantized tensors in model order; empty for FP32.</param>
internal sealed record SampleReference(string File, string Label, int Argmax, string Predicted, float[] LogProbs,
    IReadOnlyList<IntermediateReference> Intermediates)
{
    /// <summary>Absolute path of the WAV file.</summary>
    public string FullPath => ReferenceFiles.ModelsPath(File);

    /// <summary>An intermediate by name (<see cref="ReferenceSet.IntermediateNames"/>).</summary>
    public IntermediateReference Intermediate(string name) =>
        Intermediates.FirstOrDefault(i => i.Name == name)
        ?? throw new KeyNotFoundException($"{File} has no intermediate \"{name}\".");
}

/// <summary>The <c>int_repr()</c> of one quantized tensor (batch dimension dropped) with its quantization.</summary>
internal sealed record IntermediateReference(string Name, int[] Shape, double Scale, int ZeroPoint, byte[] Values)
{
    /// <summary>Element count implied by <see cref="Shape"/>.</summary>
    public long ElementCount => Shape.Aggregate(1L, (n, d) => n * d);

    /// <summary>The float value PyTorch's <c>dequantize()</c> gives for element <paramref name="index"/>.</summary>
    public float Dequantized(int index) => (float)Scale * (Values[index] - ZeroPoint);
}
