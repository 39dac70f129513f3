using Kws.Runtime.Interpretation;
using Kws.Runtime.Manifest;
using Kws.Runtime.Tests.Manifest;

namespace Kws.Runtime.Tests.Interpretation;

/// <summary>The interpreter on hand-made models whose every value is worked out below.</summary>
public class InterpretedModelTests
{
    [TestCase(KernelSet.Reference)]
    [TestCase(KernelSet.Vectorized)]
    public void Int8ModelProducesTheHandComputedCodesAtEveryLayer(KernelSet kernels)
    {
        var model = new InterpretedModel(HandModels.Int8(), kernels);
        var logProbs = new float[3];
        IReadOnlyList<LayerOutput> trace = model.InferTraced(HandModels.Int8Input, logProbs);

        Assert.That(trace.Select(t => t.Name), Is.EqualTo(new[] { "quant", "conv1", "pool1", "avgpool", "fc1", "dequant", "log_softmax" }));
        // x / 0.25 = 2, -1, 0.5, 4, -1.5, 2.5, 0, 8, 400, -400 -> half-even 2, -1, 0, 4, -2, 2, 0, 8 -> +3, clamped to 0..255.
        Assert.That(trace[0].Codes, Is.EqualTo(new byte[] { 5, 2, 3, 7, 1, 5, 3, 11, 255, 0 }));
        // Windows of (q - 3), stride 2: [2,-1,0] [0,4,-2] [-2,2,0] [0,8,252].
        // ch0 w [1,0,-1]: acc 2, 2, -2, -252; * 0.25 + 1.0 = 1.5, 1.5, 0.5, -62 -> 2, 2, 0, -62 -> +11 -> 13, 13, 11, clamp(-51) = 11.
        // ch1 w [2,1,1]: acc 3, 2, -2, 260; * 0.125 - 2 = -1.625, -1.75, -2.25, 30.5 -> -2, -2, -2, 30 -> 9, 9, 9 (ReLU: 11), 41.
        Assert.That(trace[1].Codes, Is.EqualTo(new byte[] { 13, 13, 11, 11, 11, 11, 11, 41 }));
        Assert.That(trace[2].Codes, Is.EqualTo(new byte[] { 13, 11, 11, 41 }));
        // (24 - 2*11) * 0.5 + 11 = 12;  (52 - 22) * 0.5 + 11 = 26.
        Assert.That(trace[3].Codes, Is.EqualTo(new byte[] { 12, 26 }));
        // q - 11 = [1, 15]; acc 31, 12, -15; * 0.25 + [0, 0.5, -1.25] = 7.75, 3.5, -5 -> 8, 4, -5 -> +100.
        Assert.That(trace[4].Codes, Is.EqualTo(new byte[] { 108, 104, 95 }));
        float[] logits = [0.2f * 8, 0.2f * 4, 0.2f * -5];
        Assert.That(trace[5].Values, Is.EqualTo(logits));
        Assert.That(logProbs, Is.EqualTo(LogSoftmaxInDouble(logits)).Within(1e-6));
        Assert.That(trace[6].Values, Is.EqualTo(logProbs));
    }

    [TestCase(KernelSet.Reference)]
    [TestCase(KernelSet.Vectorized)]
    public void Float32ModelProducesTheHandComputedValues(KernelSet kernels)
    {
        var model = new InterpretedModel(HandModels.Float32(), kernels);
        var logProbs = new float[2];
        IReadOnlyList<LayerOutput> trace = model.InferTraced(HandModels.Float32Input, logProbs);

        // conv w [-1, 2], bias -1 over [1,2,3,4]: 2, 3, 4; max pool k2 s1: 3, 4; mean 3.5; fc: 3.5, -2.5.
        Assert.That(trace[0].Values, Is.EqualTo(new[] { 2f, 3f, 4f }));
        Assert.That(trace[1].Values, Is.EqualTo(new[] { 3f, 4f }));
        Assert.That(trace[2].Values, Is.EqualTo(new[] { 3.5f }));
        Assert.That(trace[3].Values, Is.EqualTo(new[] { 3.5f, -2.5f }));
        Assert.That(logProbs, Is.EqualTo(LogSoftmaxInDouble([3.5f, -2.5f])).Within(1e-6));
    }

    [Test]
    public void InferAgreesWithInferTracedAndAllocatesNothingAfterWarmUp()
    {
        var model = new InterpretedModel(HandModels.Int8());
        var traced = new float[3];
        model.InferTraced(HandModels.Int8Input, traced);
        var logProbs = new float[3];
        model.Infer(HandModels.Int8Input, logProbs);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            model.Infer(HandModels.Int8Input, logProbs);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(logProbs, Is.EqualTo(traced));
        Assert.That(allocated, Is.Zero);
    }

    [TestCase(KernelSet.Vectorized)]
    [TestCase(KernelSet.Reference)]
    public void FullSizeModelsAllocateNothingPerInference(KernelSet kernels)
    {
        foreach (ModelManifest manifest in new[] { RandomModels.Int8(1), RandomModels.Float32(1) })
        {
            var model = new InterpretedModel(manifest, kernels);
            float[] signal = RandomModels.Signal(1, model.InputLength);
            var logProbs = new float[model.Labels.Count];
            model.Infer(signal, logProbs);
            long before = GC.GetAllocatedBytesForCurrentThread();
            model.Infer(signal, logProbs);
            model.Infer(signal, logProbs);
            Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero, manifest.Name);
        }
    }

    [Test]
    public void ReportsWhatItHolds()
    {
        var model = new InterpretedModel(HandModels.Int8(), KernelSet.Reference);
        Assert.That(model.Name, Is.EqualTo("HandInt8"));
        Assert.That(model.Labels, Is.EqualTo(new[] { "a", "b", "c" }));
        Assert.That(model.InputLength, Is.EqualTo(10));
        // 6 + 6 int8 weights, 12 bytes of constants per output channel (2 + 3 channels).
        Assert.That(model.WeightBytes, Is.EqualTo(12 + 12 * 5));
        // Largest uint8 tensor: quant (10); largest float tensor: dequant (3), twice each.
        Assert.That(model.ScratchBytes, Is.EqualTo(2 * 10 + 2 * 4 * 3));
        Assert.That(model.SimdPath, Is.EqualTo("Scalar"));
        // The vectorized conv adds a 3-byte column, 2 accumulators and 2 codes; the linear 3 accumulators.
        Assert.That(new InterpretedModel(HandModels.Int8()).ScratchBytes, Is.EqualTo(2 * 10 + 2 * 4 * 3 + 3 + 2 * 4 + 2 + 3 * 4));
    }

    [Test]
    public void RunsTheSharedTinyModelReadBackFromItsManifestText()
    {
        ModelManifest tiny = ManifestReader.Read(ManifestWriter.Write(ManifestRoundTripTests.TinyInt8Model()));
        var model = new InterpretedModel(tiny);
        var logProbs = new float[3];
        model.Infer(new float[16], logProbs);
        Assert.That(logProbs.Sum(MathF.Exp), Is.EqualTo(1f).Within(1e-5));
    }

    [Test]
    public void WrongInputLengthIsAClearError()
    {
        var model = new InterpretedModel(HandModels.Int8());
        var e = Assert.Throws<ArgumentException>(() => model.Infer(new float[9], new float[3]))!;
        Assert.That(e.Message, Does.Contain("expected 10 samples, got 9"));
    }

    [Test]
    public void InconsistentManifestIsRefusedAtConstruction()
    {
        ModelManifest good = HandModels.Float32();
        var broken = new ModelManifest(good.Name, good.Source, good.Compiler, ["only one"],
            good.SampleRate, good.InputLength, good.Layers);
        var e = Assert.Throws<ManifestValidationException>(() => _ = new InterpretedModel(broken))!;
        Assert.That(e.Message, Does.Contain("2 classes but 1 labels"));
    }

    private static float[] LogSoftmaxInDouble(float[] x)
    {
        double max = x.Max();
        double logSum = Math.Log(x.Sum(v => Math.Exp(v - max)));
        return x.Select(v => (float)(v - max - logSum)).ToArray();
    }
}
