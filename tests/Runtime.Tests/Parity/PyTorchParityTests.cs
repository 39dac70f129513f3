using Kws.Runtime.Audio;
using Kws.Runtime.Evaluation;
using Kws.Runtime.Interpretation;
using Kws.Tests.Shared;

namespace Kws.Runtime.Tests.Parity;

/// <summary>
/// The interpreter against PyTorch's golden outputs (models/references, docs/references.md) through the whole
/// pipeline: our WAV reader, resampler and pad/cut, then the manifest kwsc exported. For every committed sample and
/// every checkpoint: top-1 identical; FP32 log-probabilities within 1e-4; for int8, at least 99.9% of every
/// intermediate code identical to int_repr() and none off by more than 1. In category Parity, so CI repeats it on
/// every SIMD path.
/// </summary>
[Category("Parity")]
public class PyTorchParityTests
{
    private static readonly Dictionary<string, InterpretedModel> Models = [];

    private static InterpretedModel ModelFor(string kind)
    {
        if (!Models.TryGetValue(kind, out InterpretedModel? model))
        {
            string path = RepositoryPaths.Model($"cnn_{kind}_model.kws.json");
            RequireFile(path);
            model = InterpretedModel.Load(path);
            Models[kind] = model;
        }
        return model;
    }

    private static ReferenceSet ReferencesFor(string kind)
    {
        RequireFile(Path.Combine(RepositoryPaths.References, kind + ".json"));
        return ReferenceSet.Load(kind);
    }

    private static void RequireFile(string path)
    {
        if (!File.Exists(path))
        {
            Assert.Fail($"{Path.GetRelativePath(RepositoryPaths.Root, path)} is missing: the PyTorch references are committed (models/recipe/make_references.py)");
        }
    }

    private static float[] ModelInput(InterpretedModel model, string wavPath)
    {
        var input = new float[model.InputLength];
        new AudioFrontEnd(model).Prepare(WavReader.ReadFile(wavPath), input);
        return input;
    }

    [TestCase("fp32")]
    [TestCase("ptq")]
    [TestCase("qat")]
    public void TopOneAndLogProbabilitiesMatchPyTorchOnEverySample(string kind)
    {
        InterpretedModel model = ModelFor(kind);
        ReferenceSet references = ReferencesFor(kind);
        Assert.That(model.Labels, Is.EqualTo(references.Labels));
        var logProbs = new float[model.Labels.Count];
        var mismatches = new List<string>();
        double maxLogProbDiff = 0;
        foreach (SampleReference sample in references.Samples)
        {
            model.Infer(ModelInput(model, sample.FullPath), logProbs);
            int top = FolderEvaluator.ArgMax(logProbs);
            if (top != sample.Argmax)
            {
                mismatches.Add($"{sample.File}: {model.Labels[top]} vs PyTorch {sample.Predicted}");
            }
            for (int i = 0; i < logProbs.Length; i++)
            {
                maxLogProbDiff = Math.Max(maxLogProbDiff, Math.Abs((double)logProbs[i] - sample.LogProbs[i]));
            }
        }
        TestContext.Out.WriteLine($"{kind}: {references.Samples.Count} samples, {mismatches.Count} top-1 differences, max |log-prob difference| {maxLogProbDiff:G3}, SIMD {model.SimdPath}");
        Assert.That(references.Samples, Is.Not.Empty);
        Assert.That(mismatches, Is.Empty);
        if (kind == "fp32")
        {
            Assert.That(maxLogProbDiff, Is.LessThanOrEqualTo(1e-4));
        }
    }

    [TestCase("ptq")]
    [TestCase("qat")]
    public void EveryQuantizedIntermediateMatchesIntRepr(string kind)
    {
        InterpretedModel model = ModelFor(kind);
        ReferenceSet references = ReferencesFor(kind);
        var logProbs = new float[model.Labels.Count];
        var stats = ReferenceSet.IntermediateNames.ToDictionary(n => n, _ => new LayerAgreement());
        foreach (SampleReference sample in references.Samples)
        {
            Dictionary<string, LayerOutput> ours = model.InferTraced(ModelInput(model, sample.FullPath), logProbs).ToDictionary(l => l.Name);
            foreach (string name in ReferenceSet.IntermediateNames)
            {
                IntermediateReference theirs = sample.Intermediate(name);
                Assert.That(ours.ContainsKey(name), $"the interpreter has no layer {name}");
                stats[name].Add(ours[name].Codes, theirs.Values);
            }
        }
        foreach ((string name, LayerAgreement s) in stats)
        {
            TestContext.Out.WriteLine($"{kind} {name,-8} {s}");
        }
        Assert.Multiple(() =>
        {
            foreach ((string name, LayerAgreement s) in stats)
            {
                Assert.That(s.IdenticalFraction, Is.GreaterThanOrEqualTo(0.999), $"{kind} {name}");
                Assert.That(s.MaxDifference, Is.LessThanOrEqualTo(1), $"{kind} {name}");
            }
        });
    }

    [Test]
    public void FrontEndReproducesTorchaudiosModelInputForEveryFormatSample()
    {
        RequireFile(Path.Combine(RepositoryPaths.References, "frontend.json"));
        var frontEnd = new AudioFrontEnd(8000, 8000);
        var input = new float[8000];
        double worst = 0;
        IReadOnlyList<FrontendCase> cases = FrontendReference.Load();
        foreach (FrontendCase c in cases)
        {
            frontEnd.Prepare(WavReader.ReadFile(c.FullPath), input);
            double diff = input.Zip(c.ModelInput, (a, b) => Math.Abs((double)a - b)).Max();
            worst = Math.Max(worst, diff);
            Assert.That(diff, Is.LessThanOrEqualTo(1e-6), c.File);
        }
        TestContext.Out.WriteLine($"front end: {cases.Count} files, max |difference| {worst:G3}");
    }

    [Test]
    public void ResamplerMatchesTheCommittedTorchaudioReferences()
    {
        RequireFile(Path.Combine(RepositoryPaths.References, "resample.json"));
        foreach (ResampleCase c in ResampleReference.Load())
        {
            float[] ours = new SincResampler(c.OrigRate, c.NewRate).Resample(c.Input);
            Assert.That(ours, Has.Length.EqualTo(c.Output.Length), c.ToString());
            double diff = ours.Zip(c.Output, (a, b) => Math.Abs((double)a - b)).Max();
            TestContext.Out.WriteLine($"{c}: max |difference| {diff:G3}");
            Assert.That(diff, Is.LessThanOrEqualTo(1e-6), c.ToString());
        }
    }
}
