using Microsoft.ML.OnnxRuntime;

namespace Kws.Benchmarks.Engines;

/// <summary>
/// One ONNX Runtime session set up for a fair single-thread latency comparison: one intra-op and one inter-op thread,
/// every graph optimization, and input and output tensors allocated once and bound with an IOBinding, so a run
/// allocates nothing managed and copies nothing the engines under test do not also copy.
/// </summary>
public sealed class OnnxRuntimeEngine : IDisposable
{
    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly OrtIoBinding _binding;
    private readonly OrtValue _input;
    private readonly OrtValue _output;
    private readonly float[] _inputBuffer;
    private readonly float[] _outputBuffer;

    public OnnxRuntimeEngine(string modelPath, int batchSize = 1)
    {
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"ONNX model not found: {modelPath}", modelPath);
        }

        _options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(modelPath, _options);

        var (inputName, inputMetadata) = _session.InputMetadata.Single();
        var (outputName, outputMetadata) = _session.OutputMetadata.Single();
        InputShape = ConcreteShape(inputMetadata.Dimensions, batchSize);
        OutputShape = ConcreteShape(outputMetadata.Dimensions, batchSize);

        _inputBuffer = new float[ElementCount(InputShape)];
        _outputBuffer = new float[ElementCount(OutputShape)];
        _input = OrtValue.CreateTensorValueFromMemory(_inputBuffer, InputShape);
        _output = OrtValue.CreateTensorValueFromMemory(_outputBuffer, OutputShape);
        _binding = _session.CreateIoBinding();
        _binding.BindInput(inputName, _input);
        _binding.BindOutput(outputName, _output);
    }

    /// <summary>The bound input shape, symbolic dimensions (batch) resolved.</summary>
    public long[] InputShape { get; }

    /// <summary>The bound output shape, symbolic dimensions (batch) resolved.</summary>
    public long[] OutputShape { get; }

    /// <summary>The input tensor's memory: write clips here before <see cref="Run"/>.</summary>
    public Span<float> Input => _inputBuffer;

    /// <summary>The output tensor's memory after <see cref="Run"/>: one row of scores per clip.</summary>
    public ReadOnlySpan<float> Output => _outputBuffer;

    /// <summary>Runs the model on what <see cref="Input"/> holds.</summary>
    public void Run() => _session.RunWithBinding(_runOptions, _binding);

    public void Dispose()
    {
        _binding.Dispose();
        _input.Dispose();
        _output.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
        _options.Dispose();
    }

    // Exports name the batch dimension symbolically (-1); everything else must be fixed.
    private static long[] ConcreteShape(int[] dimensions, int batchSize) =>
        dimensions.Select((d, i) => d >= 0 ? d : i == 0 ? batchSize : throw new InvalidOperationException(
            $"ONNX model has a symbolic dimension at position {i}; only the batch dimension may be symbolic")).Select(d => (long)d).ToArray();

    private static int ElementCount(long[] shape) => checked((int)shape.Aggregate(1L, (a, b) => a * b));
}
