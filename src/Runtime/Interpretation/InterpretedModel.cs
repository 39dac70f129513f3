using Kws.Runtime.Manifest;
using Kws.Runtime.Simd;

namespace Kws.Runtime.Interpretation;

/// <summary>
/// Runs a <see cref="ModelManifest"/> with generic kernels: the interpreter engine. Every layer is prepared once at
/// construction (constants, kernel choice); activations ping-pong between two preallocated uint8 buffers and two
/// float buffers, so <see cref="Infer"/> allocates nothing. Not thread-safe: each instance owns its scratch memory.
/// </summary>
public sealed class InterpretedModel : IKeywordModel
{
    private readonly ModelManifest manifest;
    private readonly InterpreterStep[] steps;
    private readonly byte[][] codeBuffers;
    private readonly float[][] valueBuffers;

    /// <summary>Validates <paramref name="manifest"/> and prepares every layer; <paramref name="kernels"/> chooses the vectorized or the reference kernels.</summary>
    public InterpretedModel(ModelManifest manifest, KernelSet kernels = KernelSet.Vectorized)
    {
        ManifestValidator.Validate(manifest);
        this.manifest = manifest;
        steps = StepPlanner.Plan(manifest, kernels);
        SimdPath = kernels == KernelSet.Reference ? Simd.SimdPath.Scalar.Name
            : manifest.Precision == ModelPrecision.Float32 ? SimdSupport.BestFloat.Name : SimdSupport.BestInt8.Name;
        int maxCodes = 0, maxValues = 0, stepScratch = 0;
        foreach (InterpreterStep step in steps)
        {
            stepScratch += step.ScratchBytes;
            if (step.OutputKind == TensorKind.Byte) maxCodes = Math.Max(maxCodes, step.OutputElements);
            else maxValues = Math.Max(maxValues, step.OutputElements);
        }
        codeBuffers = [new byte[maxCodes], new byte[maxCodes]];
        valueBuffers = [new float[maxValues], new float[maxValues]];
        WeightBytes = ModelFootprint.WeightBytes(manifest);
        ScratchBytes = 2 * maxCodes + 2 * sizeof(float) * maxValues + stepScratch;
    }

    /// <summary>Reads, verifies and validates a manifest file (<see cref="ManifestException"/> on any problem) and prepares it.</summary>
    public static InterpretedModel Load(string manifestPath, KernelSet kernels = KernelSet.Vectorized) =>
        new(ManifestReader.Read(File.ReadAllText(manifestPath)), kernels);

    /// <summary>The manifest this model runs.</summary>
    public ModelManifest Manifest => manifest;
    /// <inheritdoc/>
    public string Name => manifest.Name;
    /// <inheritdoc/>
    public IReadOnlyList<string> Labels => manifest.Labels;
    /// <inheritdoc/>
    public int SampleRate => manifest.SampleRate;
    /// <inheritdoc/>
    public int InputLength => manifest.InputLength;
    /// <inheritdoc/>
    public long WeightBytes { get; }
    /// <inheritdoc/>
    public int ScratchBytes { get; }
    /// <inheritdoc/>
    public string SimdPath { get; }

    /// <inheritdoc/>
    public void Infer(ReadOnlySpan<float> samples, Span<float> logProbs) => Run(samples, logProbs, null);

    /// <summary>
    /// <see cref="Infer"/> that also returns every layer's output in order (allocates; for parity tests and debugging).
    /// </summary>
    public IReadOnlyList<LayerOutput> InferTraced(ReadOnlySpan<float> samples, Span<float> logProbs)
    {
        var trace = new List<LayerOutput>(steps.Length);
        Run(samples, logProbs, trace);
        return trace;
    }

    private void Run(ReadOnlySpan<float> samples, Span<float> logProbs, List<LayerOutput>? trace)
    {
        if (samples.Length != InputLength)
        {
            throw new ArgumentException($"expected {InputLength} samples, got {samples.Length}", nameof(samples));
        }
        if (logProbs.Length != Labels.Count)
        {
            throw new ArgumentException($"expected room for {Labels.Count} log-probabilities, got {logProbs.Length}", nameof(logProbs));
        }
        ReadOnlySpan<float> values = samples;
        ReadOnlySpan<byte> codes = default;
        int nextCodes = 0, nextValues = 0;
        for (int i = 0; i < steps.Length; i++)
        {
            InterpreterStep step = steps[i];
            var io = new StepBuffers { FloatInput = values, ByteInput = codes };
            bool last = i == steps.Length - 1;
            if (step.OutputKind == TensorKind.Byte)
            {
                io.ByteOutput = codeBuffers[nextCodes].AsSpan(0, step.OutputElements);
                nextCodes ^= 1;
            }
            else
            {
                io.FloatOutput = last ? logProbs : valueBuffers[nextValues].AsSpan(0, step.OutputElements);
                nextValues ^= last ? 0 : 1;
            }
            step.Run(ref io);
            if (step.OutputKind == TensorKind.Byte)
            {
                codes = io.ByteOutput;
                trace?.Add(new LayerOutput(step.Name, TensorKind.Byte, codes.ToArray(), []));
            }
            else
            {
                values = io.FloatOutput;
                trace?.Add(new LayerOutput(step.Name, TensorKind.Float, [], values.ToArray()));
            }
        }
    }
}
