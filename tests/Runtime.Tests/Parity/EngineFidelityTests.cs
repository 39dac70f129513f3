using Kws.Runtime.Audio;
using Kws.Runtime.Evaluation;
using Kws.Runtime.Interpretation;
using Kws.Runtime.Manifest;
using Kws.Tests.Shared;

namespace Kws.Runtime.Tests.Parity;

/// <summary>
/// The qnnpack checkpoint (models/cnn_ptq_qnnpack_model.pth, quantized with qnnpack's qconfig) computed with each
/// engine's arithmetic, against PyTorch running it on each engine (references ptq_qnnpack and ptq_qnnpack_onednn):
/// the manifest's engine is what makes kws agree with the PyTorch a checkpoint was made for. The figures it prints are
/// those of docs/quantization.md ("The cost of the wrong engine").
/// </summary>
[Category("Parity")]
public class EngineFidelityTests
{
    private static readonly ModelManifest Qnnpack = ManifestReader.Read(File.ReadAllText(RepositoryPaths.Model("cnn_ptq_qnnpack_model.kws.json")));

    private static ModelManifest WithEngine(ModelManifest m, QuantizedEngine engine) =>
        new(m.Name, m.Source, m.Compiler, m.Labels, m.SampleRate, m.InputLength, m.Layers, engine);

    [Test]
    public void TheQnnpackCheckpointsManifestStatesQnnpack() => Assert.That(Qnnpack.Engine, Is.EqualTo(QuantizedEngine.Qnnpack));

    [Test]
    public void EachEngineMatchesPyTorchOnThatEngineAndTheOtherDoesNot()
    {
        var onQnnpack = new InterpretedModel(Qnnpack);
        var onOnednn = new InterpretedModel(WithEngine(Qnnpack, QuantizedEngine.Onednn));
        Agreement qnnpackVsQnnpack = Compare(onQnnpack, "ptq_qnnpack");
        Agreement onednnVsQnnpack = Compare(onOnednn, "ptq_qnnpack");
        Agreement onednnVsOnednn = Compare(onOnednn, "ptq_qnnpack_onednn");
        TestContext.Out.WriteLine($"qnnpack arithmetic vs PyTorch qnnpack: {qnnpackVsQnnpack}");
        TestContext.Out.WriteLine($"onednn arithmetic vs PyTorch qnnpack:  {onednnVsQnnpack}");
        TestContext.Out.WriteLine($"onednn arithmetic vs PyTorch onednn:   {onednnVsOnednn}");
        Assert.Multiple(() =>
        {
            Assert.That(qnnpackVsQnnpack.Flips, Is.Empty);
            Assert.That(onednnVsOnednn.Flips, Is.Empty);
            Assert.That(qnnpackVsQnnpack.Median, Is.LessThan(1e-5));
            Assert.That(onednnVsOnednn.Median, Is.LessThan(1e-5));
            // The wrong engine is measurably wrong: the references tell the engines apart.
            Assert.That(onednnVsQnnpack.Median, Is.GreaterThan(1e-3));
        });
    }

    private static Agreement Compare(InterpretedModel model, string kind)
    {
        ReferenceSet references = ReferenceSet.Load(kind);
        Assert.That(references.Samples, Is.Not.Empty);
        var logProbs = new float[model.Labels.Count];
        var input = new float[model.InputLength];
        var frontEnd = new AudioFrontEnd(model);
        var deltas = new List<double>();
        var flips = new List<string>();
        foreach (SampleReference sample in references.Samples)
        {
            frontEnd.Prepare(WavReader.ReadFile(sample.FullPath), input);
            model.Infer(input, logProbs);
            deltas.AddRange(logProbs.Select((p, i) => Math.Abs((double)p - sample.LogProbs[i])));
            if (FolderEvaluator.ArgMax(logProbs) != sample.Argmax) flips.Add(sample.File);
        }
        deltas.Sort();
        return new Agreement(references.Samples.Count, deltas[deltas.Count / 2], deltas[^1], flips);
    }

    private sealed record Agreement(int Samples, double Median, double Max, List<string> Flips)
    {
        public override string ToString() =>
            $"{Samples} samples, |delta log-prob| median {Median:G3}, max {Max:G3}, top-1 differs on {Flips.Count}{(Flips.Count > 0 ? ": " + string.Join(", ", Flips) : "")}";
    }
}
