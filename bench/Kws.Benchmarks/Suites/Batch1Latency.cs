using BenchmarkDotNet.Attributes;
using Kws.Benchmarks.Configuration;
using Kws.Benchmarks.Engines;

namespace Kws.Benchmarks.Suites;

/// <summary>
/// The headline comparison, all in one run so the ratios are fair on a noisy machine: one 8000-sample clip, one
/// thread, every engine on the bundled models. The ratio column is relative to the generated PTQ model.
/// </summary>
[MeasuredJob]
public class Batch1Latency
{
    private OnnxRuntimeEngine _onnxFp32 = null!;
    private OnnxRuntimeEngine _onnxInt8Qdq = null!;

    [GlobalSetup]
    public void Setup()
    {
        var clip = BenchmarkClips.First();
        _onnxFp32 = CreateOnnx(OnnxExport.Fp32, clip);
        _onnxInt8Qdq = CreateOnnx(OnnxExport.Int8Qdq, clip);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _onnxFp32.Dispose();
        _onnxInt8Qdq.Dispose();
    }

    [Benchmark(Description = "ONNX Runtime int8 QDQ")]
    public float OnnxRuntimeInt8Qdq()
    {
        _onnxInt8Qdq.Run();
        return _onnxInt8Qdq.Output[0];
    }

    [Benchmark(Description = "ONNX Runtime FP32")]
    public float OnnxRuntimeFp32()
    {
        _onnxFp32.Run();
        return _onnxFp32.Output[0];
    }

    private static OnnxRuntimeEngine CreateOnnx(OnnxExport export, ReadOnlySpan<float> clip)
    {
        var engine = new OnnxRuntimeEngine(OnnxExports.PathOf(export));
        clip.CopyTo(engine.Input);
        engine.Run();
        return engine;
    }
}
