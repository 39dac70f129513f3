using BenchmarkDotNet.Attributes;
using Kws.Benchmarks.Configuration;
using Kws.Benchmarks.Engines;
using Kws.Runtime;
using Kws.Runtime.Audio;
using Kws.Runtime.Evaluation;

namespace Kws.Benchmarks.Suites;

/// <summary>
/// What a user's call costs: the bytes of a 16 kHz WAV file already in memory, decoded, resampled to 8 kHz and fitted
/// by the audio front end, classified, and the label picked. The generated PTQ model is the product's default; the
/// interpreter shows the same path without generation. The front end allocates (decoding, resampling buffers).
/// </summary>
[BenchmarkCategory("EndToEnd")]
[MeasuredJob]
public class EndToEndLatency
{
    private byte[] _wav = [];
    private float[] _input = [];
    private float[] _logProbs = [];
    private IKeywordModel _generated = null!;
    private IKeywordModel _interpreted = null!;
    private AudioFrontEnd _frontEnd = null!;

    [GlobalSetup]
    public void Setup()
    {
        var manifest = KeywordEngines.Manifest(BundledModel.Ptq);
        _generated = KeywordEngines.Generated(manifest);
        _interpreted = KeywordEngines.Interpreted(manifest);
        _frontEnd = new AudioFrontEnd(_generated);
        _wav = File.ReadAllBytes(BenchmarkClips.FirstWavPath());
        _input = new float[_generated.InputLength];
        _logProbs = new float[_generated.Labels.Count];
        var (generated, interpreted) = (Classify(_generated), Classify(_interpreted));
        if (generated != interpreted)
        {
            throw new InvalidOperationException($"end to end, the generated engine says '{generated}' and the interpreter '{interpreted}'");
        }
    }

    [Benchmark(Baseline = true, Description = "WAV bytes -> label, generated PTQ")]
    public string GeneratedEndToEnd() => Classify(_generated);

    [Benchmark(Description = "WAV bytes -> label, interpreted PTQ")]
    public string InterpretedEndToEnd() => Classify(_interpreted);

    [Benchmark(Description = "front end only (WAV bytes -> 8000 samples)")]
    public float FrontEndOnly()
    {
        _frontEnd.Prepare(_wav, _input);
        return _input[0];
    }

    private string Classify(IKeywordModel model)
    {
        _frontEnd.Prepare(_wav, _input);
        model.Infer(_input, _logProbs);
        return model.Labels[FolderEvaluator.ArgMax(_logProbs)];
    }
}
