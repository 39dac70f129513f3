using BenchmarkDotNet.Attributes;
using Kws.Benchmarks.Configuration;

namespace Kws.Benchmarks.Suites;

/// <summary>
/// The generated code on each SIMD path (one job per path, forced with the JIT knobs), batch 1, with the interpreter
/// in every job as the baseline, so each row's ratio is "generated vs interpreted on this path". Setup fails if the
/// generated model did not take the path its job asked for.
/// </summary>
[BenchmarkCategory("SimdPath")]
[SimdPathJobs]
public class SimdPathLatency : EngineSuite
{
    private float[] _clip = [];

    public override void Setup()
    {
        base.Setup();
        _clip = BenchmarkClips.First();
        var expected = SimdPathJob.ExpectedInThisProcess;
        if (expected is not null && !string.Equals(GeneratedPtq.SimdPath, expected, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"the job asked for the {expected} path but the generated model runs {GeneratedPtq.SimdPath}: did the JIT knobs change?");
        }
    }

    [RequiresModelFile("cnn_ptq_model.kws.json")]
    [Benchmark(Baseline = true, Description = "interpreted PTQ")]
    public float InterpretedPtqOnPath() => Classify(InterpretedPtq, _clip);

    [RequiresModelFile("cnn_ptq_model.kws.json")]
    [Benchmark(Description = "generated PTQ")]
    public float GeneratedPtqOnPath() => Classify(GeneratedPtq, _clip);

    [RequiresModelFile("cnn_qat_model.kws.json")]
    [Benchmark(Description = "generated QAT")]
    public float GeneratedQatOnPath() => Classify(GeneratedQat, _clip);

    [RequiresModelFile("cnn_fp32_model.kws.json")]
    [Benchmark(Description = "generated FP32")]
    public float GeneratedFp32OnPath() => Classify(GeneratedFp32, _clip);
}
