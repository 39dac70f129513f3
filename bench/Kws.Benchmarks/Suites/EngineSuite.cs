using BenchmarkDotNet.Attributes;
using Kws.Benchmarks.Engines;
using Kws.Runtime;

namespace Kws.Benchmarks.Suites;

/// <summary>
/// The generated and interpreted engines for every bundled model, built and checked against each other once per
/// process; suites derive from this and differ only in what one measured call does.
/// </summary>
public abstract class EngineSuite
{
    protected IKeywordModel GeneratedPtq { get; private set; } = null!;
    protected IKeywordModel InterpretedPtq { get; private set; } = null!;
    protected IKeywordModel GeneratedQat { get; private set; } = null!;
    protected IKeywordModel InterpretedQat { get; private set; } = null!;
    protected IKeywordModel GeneratedFp32 { get; private set; } = null!;
    protected IKeywordModel InterpretedFp32 { get; private set; } = null!;

    /// <summary>Where <see cref="Classify"/> writes; one row, reused, so measured calls allocate nothing.</summary>
    protected float[] LogProbs { get; private set; } = [];

    [GlobalSetup]
    public virtual void Setup()
    {
        var check = BenchmarkClips.First();
        (GeneratedPtq, InterpretedPtq) = Pair(BundledModel.Ptq, check);
        (GeneratedQat, InterpretedQat) = Pair(BundledModel.Qat, check);
        (GeneratedFp32, InterpretedFp32) = Pair(BundledModel.Fp32, check);
        LogProbs = new float[GeneratedPtq.Labels.Count];
    }

    /// <summary>One inference; returns a score so the JIT cannot drop the call.</summary>
    protected float Classify(IKeywordModel model, ReadOnlySpan<float> clip)
    {
        model.Infer(clip, LogProbs);
        return LogProbs[0];
    }

    // A model whose manifest is missing stays unbuilt: its benchmarks are filtered out (RequiresModelFileAttribute).
    private static (IKeywordModel Generated, IKeywordModel Interpreted) Pair(BundledModel model, ReadOnlySpan<float> clip)
    {
        if (!File.Exists(KeywordEngines.ManifestPath(model)))
        {
            return (null!, null!);
        }

        var manifest = KeywordEngines.Manifest(model);
        var generated = KeywordEngines.Generated(manifest);
        var interpreted = KeywordEngines.Interpreted(manifest);
        EngineParity.Check(generated, interpreted, clip);
        return (generated, interpreted);
    }
}
