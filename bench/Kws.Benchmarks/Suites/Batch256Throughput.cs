using BenchmarkDotNet.Attributes;
using Kws.Benchmarks.Configuration;

namespace Kws.Benchmarks.Suites;

/// <summary>
/// A batch of 256 different clips classified one after another on one thread: throughput with the input streaming
/// from memory (the 137 bundled clips, 4.4 MB of samples, more than L2 holds) instead of one clip hot in L1. Times are per clip.
/// </summary>
[BenchmarkCategory("Batch256")]
[MeasuredJob]
public class Batch256Throughput : EngineSuite
{
    private const int BatchSize = 256;
    private float[][] _clips = [];

    public override void Setup()
    {
        base.Setup();
        _clips = BenchmarkClips.Batch(BatchSize);
    }

    [RequiresModelFile("cnn_ptq_model.kws.json")]
    [Benchmark(Baseline = true, OperationsPerInvoke = BatchSize, Description = "generated PTQ x256")]
    public float GeneratedPtqBatch256() => ClassifyAll(GeneratedPtq);

    [RequiresModelFile("cnn_ptq_model.kws.json")]
    [Benchmark(OperationsPerInvoke = BatchSize, Description = "interpreted PTQ x256")]
    public float InterpretedPtqBatch256() => ClassifyAll(InterpretedPtq);

    [RequiresModelFile("cnn_qat_model.kws.json")]
    [Benchmark(OperationsPerInvoke = BatchSize, Description = "generated QAT x256")]
    public float GeneratedQatBatch256() => ClassifyAll(GeneratedQat);

    [RequiresModelFile("cnn_qat_model.kws.json")]
    [Benchmark(OperationsPerInvoke = BatchSize, Description = "interpreted QAT x256")]
    public float InterpretedQatBatch256() => ClassifyAll(InterpretedQat);

    [RequiresModelFile("cnn_fp32_model.kws.json")]
    [Benchmark(OperationsPerInvoke = BatchSize, Description = "generated FP32 x256")]
    public float GeneratedFp32Batch256() => ClassifyAll(GeneratedFp32);

    [RequiresModelFile("cnn_fp32_model.kws.json")]
    [Benchmark(OperationsPerInvoke = BatchSize, Description = "interpreted FP32 x256")]
    public float InterpretedFp32Batch256() => ClassifyAll(InterpretedFp32);

    private float ClassifyAll(Runtime.IKeywordModel model)
    {
        var sum = 0f;
        foreach (var clip in _clips)
        {
            sum += Classify(model, clip);
        }

        return sum;
    }
}
