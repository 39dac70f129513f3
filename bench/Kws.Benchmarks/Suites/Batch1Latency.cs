using BenchmarkDotNet.Attributes;
using Kws.Benchmarks.Configuration;
using Kws.Benchmarks.Engines;

namespace Kws.Benchmarks.Suites;

/// <summary>
/// The headline comparison, all in one run so the ratios are fair on a noisy machine: one 8000-sample clip, one
/// thread, every engine. The ratio column is relative to the generated PTQ model (the product's default).
/// </summary>
[BenchmarkCategory("Batch1")]
[MeasuredJob]
public class Batch1Latency : EngineSuite
{
    private float[] _clip = [];
    private OnnxRuntimeEngine _onnxFp32 = null!;
    private OnnxRuntimeEngine _onnxInt8Qdq = null!;

    public override void Setup()
    {
        base.Setup();
        _clip = BenchmarkClips.First();
        _onnxFp32 = CreateOnnx(OnnxExport.Fp32, _clip)!;
        _onnxInt8Qdq = CreateOnnx(OnnxExport.Int8Qdq, _clip)!;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _onnxFp32?.Dispose();
        _onnxInt8Qdq?.Dispose();
    }

    [RequiresModelFile("cnn_ptq_model.kws.json")]
    [Benchmark(Baseline = true, Description = "generated PTQ")]
    public float GeneratedPtqBatch1() => Classify(GeneratedPtq, _clip);

    [RequiresModelFile("cnn_ptq_model.kws.json")]
    [Benchmark(Description = "interpreted PTQ")]
    public float InterpretedPtqBatch1() => Classify(InterpretedPtq, _clip);

    [RequiresModelFile("cnn_qat_model.kws.json")]
    [Benchmark(Description = "generated QAT")]
    public float GeneratedQatBatch1() => Classify(GeneratedQat, _clip);

    [RequiresModelFile("cnn_qat_model.kws.json")]
    [Benchmark(Description = "interpreted QAT")]
    public float InterpretedQatBatch1() => Classify(InterpretedQat, _clip);

    [RequiresModelFile("cnn_fp32_model.kws.json")]
    [Benchmark(Description = "generated FP32")]
    public float GeneratedFp32Batch1() => Classify(GeneratedFp32, _clip);

    [RequiresModelFile("cnn_fp32_model.kws.json")]
    [Benchmark(Description = "interpreted FP32")]
    public float InterpretedFp32Batch1() => Classify(InterpretedFp32, _clip);

    [RequiresModelFile("cnn_int8_qdq.onnx")]
    [Benchmark(Description = "ONNX Runtime int8 QDQ")]
    public float OnnxRuntimeInt8QdqBatch1()
    {
        _onnxInt8Qdq.Run();
        return _onnxInt8Qdq.Output[0];
    }

    [RequiresModelFile("cnn_fp32.onnx")]
    [Benchmark(Description = "ONNX Runtime FP32")]
    public float OnnxRuntimeFp32Batch1()
    {
        _onnxFp32.Run();
        return _onnxFp32.Output[0];
    }

    // Null when the export is missing: its benchmark is filtered out (RequiresModelFileAttribute).
    private static OnnxRuntimeEngine? CreateOnnx(OnnxExport export, ReadOnlySpan<float> clip)
    {
        if (!File.Exists(OnnxExports.PathOf(export)))
        {
            return null;
        }

        var engine = new OnnxRuntimeEngine(OnnxExports.PathOf(export));
        clip.CopyTo(engine.Input);
        engine.Run();
        if (!engine.Output.ToArray().All(float.IsFinite))
        {
            throw new InvalidOperationException($"ONNX Runtime gave non-finite scores for {export}");
        }

        return engine;
    }
}
