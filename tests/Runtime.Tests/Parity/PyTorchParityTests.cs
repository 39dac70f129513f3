using Kws.Runtime.Audio;
using Kws.Runtime.Evaluation;
using Kws.Runtime.Interpretation;
using Kws.Runtime.Simd;
using Kws.Tests.Shared;

namespace Kws.Runtime.Tests.Parity;

/// <summary>
/// The interpreter against PyTorch's golden outputs (models/references, docs/references.md) through the whole
/// pipeline: our WAV reader, resampler and pad/cut, then the manifest kwsc exported. For every committed sample and
/// every checkpoint: top-1 identical; FP32 log-probabilities within 1e-4; for int8, every intermediate code identical to
/// int_repr(), from our own front end (except where its 1e-6 agreement with torchaudio lands a sample on the other
/// side of a quantization tie) and layer by layer from PyTorch's own codes. The checkpoints cover both engines: ptq and
/// qat onednn, ptq_qnnpack qnnpack. In category Parity, so CI repeats it on every SIMD path.
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
    [TestCase("ptq_qnnpack")]
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
    [TestCase("ptq_qnnpack")]
    public void EveryQuantizedIntermediateMatchesIntRepr(string kind)
    {
        // The front end matches torchaudio to 1e-6, not bit for bit, so a sample value within that of a rounding tie
        // can quantize to the neighbouring code (and everything after it follows). Such a sample may differ by one
        // code at a few input positions; every sample whose quantized input is identical must be identical throughout.
        InterpretedModel model = ModelFor(kind);
        ReferenceSet references = ReferencesFor(kind);
        var logProbs = new float[model.Labels.Count];
        var stats = ReferenceSet.IntermediateNames.ToDictionary(n => n, _ => new LayerAgreement());
        var inputFlips = new List<string>();
        var differing = new List<string>();
        foreach (SampleReference sample in references.Samples)
        {
            Dictionary<string, LayerOutput> ours = model.InferTraced(ModelInput(model, sample.FullPath), logProbs).ToDictionary(l => l.Name);
            var sampleStats = new LayerAgreement();
            foreach (string name in ReferenceSet.IntermediateNames)
            {
                IntermediateReference theirs = sample.Intermediate(name);
                Assert.That(ours.ContainsKey(name), $"the interpreter has no layer {name}");
                stats[name].Add(ours[name].Codes, theirs.Values);
                sampleStats.Add(ours[name].Codes, theirs.Values);
            }
            var input = new LayerAgreement();
            input.Add(ours["quant"].Codes, sample.Intermediate("quant").Values);
            if (input.Identical != input.Values)
            {
                inputFlips.Add($"{sample.File} ({input.Values - input.Identical} input codes, max |difference| {input.MaxDifference})");
            }
            else if (sampleStats.Identical != sampleStats.Values)
            {
                differing.Add(sample.File);
            }
        }
        foreach ((string name, LayerAgreement s) in stats)
        {
            TestContext.Out.WriteLine($"{kind} {name,-8} {s}");
        }
        TestContext.Out.WriteLine($"{kind}: quantized input differs (front-end rounding at a tie) on {inputFlips.Count} of {references.Samples.Count} samples: {string.Join(", ", inputFlips)}");
        Assert.That(references.Samples, Is.Not.Empty);
        Assert.That(differing, Is.Empty, "samples whose quantized input is identical must be identical in every layer");
        Assert.That(inputFlips, Has.Count.LessThanOrEqualTo(references.Samples.Count / 50));
        Assert.That(stats["quant"].MaxDifference, Is.LessThanOrEqualTo(1));
        Assert.That(stats["quant"].Values - stats["quant"].Identical, Is.LessThanOrEqualTo(inputFlips.Count * 4));
    }

    [TestCase("ptq")]
    [TestCase("qat")]
    [TestCase("ptq_qnnpack")]
    public void EveryQuantizedLayerGivesIntReprFromPyTorchsOwnInputCodes(string kind)
    {
        // Each int8 layer after the quant step, fed PyTorch's own input codes: the arithmetic alone, identical on
        // every sample (the front end plays no part), on the reference and on the vectorized kernels.
        ReferenceSet references = ReferencesFor(kind);
        foreach (KernelSet kernels in new[] { KernelSet.Reference, KernelSet.Vectorized })
        {
            InterpreterStep[] steps = StepPlanner.Plan(ModelFor(kind).Manifest, kernels);
            long values = 0;
            foreach (SampleReference sample in references.Samples)
            {
                for (int i = 1; i < ReferenceSet.IntermediateNames.Count; i++)
                {
                    string name = ReferenceSet.IntermediateNames[i];
                    InterpreterStep step = steps.Single(s => s.Name == name);
                    byte[] expected = sample.Intermediate(name).Values;
                    var output = new byte[step.OutputElements];
                    var io = new StepBuffers { ByteInput = sample.Intermediate(ReferenceSet.IntermediateNames[i - 1]).Values, ByteOutput = output };
                    step.Run(ref io);
                    Assert.That(output, Is.EqualTo(expected), $"{kind} {sample.File} {name} ({kernels})");
                    values += output.Length;
                }
            }
            TestContext.Out.WriteLine($"{kind} ({(kernels == KernelSet.Reference ? "reference kernels" : SimdSupport.BestInt8.Name)}): {values} codes of {references.Samples.Count} samples identical to int_repr(), layer by layer");
        }
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
