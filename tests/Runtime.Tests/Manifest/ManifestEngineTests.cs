using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;
using Kws.Runtime.Tests.Interpretation;

namespace Kws.Runtime.Tests.Manifest;

/// <summary>
/// The manifest's "engine" member (docs/manifest.md): written only when it is not the default onednn, so manifests
/// from before it keep their text and content hash; read back exactly; refused when it names no engine or when the
/// model has no int8 layer to compute with it.
/// </summary>
public class ManifestEngineTests
{
    private static ModelManifest WithEngine(ModelManifest m, QuantizedEngine engine) =>
        new(m.Name, m.Source, m.Compiler, m.Labels, m.SampleRate, m.InputLength, m.Layers, engine);

    [Test]
    public void OnednnIsTheDefaultAndIsNotWritten()
    {
        ModelManifest tiny = ManifestRoundTripTests.TinyInt8Model();
        Assert.That(tiny.Engine, Is.EqualTo(QuantizedEngine.Onednn));
        string text = ManifestWriter.Write(tiny);
        Assert.That(text, Does.Not.Contain("\"engine\""));
        Assert.That(ManifestReader.Read(text).Engine, Is.EqualTo(QuantizedEngine.Onednn));
    }

    [Test]
    public void CommittedOnednnManifestsAreUnchanged()
    {
        // Their text is what kwsc wrote before engines existed: re-serialising gives the same bytes and hash.
        foreach (string kind in new[] { "ptq", "qat" })
        {
            string text = File.ReadAllText(Kws.Tests.Shared.RepositoryPaths.Model($"cnn_{kind}_model.kws.json"));
            ModelManifest read = ManifestReader.Read(text);
            Assert.That(read.Engine, Is.EqualTo(QuantizedEngine.Onednn), kind);
            Assert.That(ManifestWriter.Write(read), Is.EqualTo(text), kind);
        }
    }

    [Test]
    public void QnnpackIsWrittenAfterThePrecisionAndReadBack()
    {
        string text = ManifestWriter.Write(WithEngine(ManifestRoundTripTests.TinyInt8Model(), QuantizedEngine.Qnnpack));
        Assert.That(text, Does.Contain("  \"precision\": \"int8\",\n  \"engine\": \"qnnpack\",\n"));
        ModelManifest read = ManifestReader.Read(text);
        Assert.That(read.Engine, Is.EqualTo(QuantizedEngine.Qnnpack));
        Assert.That(ManifestWriter.Write(read), Is.EqualTo(text));
    }

    [Test]
    public void TheEngineIsCoveredByTheContentHash()
    {
        string qnnpack = ManifestWriter.Write(WithEngine(ManifestRoundTripTests.TinyInt8Model(), QuantizedEngine.Qnnpack));
        var e = Assert.Throws<ManifestException>(() => ManifestReader.Read(qnnpack.Replace("  \"engine\": \"qnnpack\",\n", "")))!;
        Assert.That(e.Message, Does.Contain("content hash mismatch"));
    }

    [Test]
    public void AnUnknownEngineIsOneClearError()
    {
        string text = ManifestWriter.Write(WithEngine(ManifestRoundTripTests.TinyInt8Model(), QuantizedEngine.Qnnpack))
            .Replace("\"engine\": \"qnnpack\"", "\"engine\": \"fbgemm\"");
        var e = Assert.Throws<ManifestException>(() => ManifestReader.Read(text))!;
        Assert.That(e.Message, Does.Contain("unknown engine \"fbgemm\""));
        Assert.That(e.Line, Is.EqualTo(6));
    }

    [Test]
    public void AnEngineNeedsInt8Layers()
    {
        var e = Assert.Throws<ManifestValidationException>(() =>
            ManifestValidator.Validate(WithEngine(RandomModels.Float32(1), QuantizedEngine.Qnnpack)))!;
        Assert.That(e.Message, Does.Contain("engine \"qnnpack\" is for int8 layers"));
    }

    [Test]
    public void TheQnnpackBiasCountsTowardsTheAccumulatorBound()
    {
        // A bias of 2^31 quanta (saturated to int.MaxValue, as PyTorch does) is a plain float offset on onednn but
        // leaves qnnpack's int32 accumulator no room for the products.
        var q = new ActivationQuantization(1.0 / 64, 0);
        var linear = new LinearLayer("fc", 2, 1, false, [(float)(Math.Pow(2, 31) / 64 / 64)], null, [127, 127],
            new WeightQuantization(false, 0, [1.0 / 64], [0]), q, new ActivationQuantization(1e6, 0));
        Assert.That(() => Kws.Runtime.Quantization.RequantizationPlan.For(linear, QuantizedEngine.Onednn), Throws.Nothing);
        var e = Assert.Throws<ManifestValidationException>(() => Kws.Runtime.Quantization.RequantizationPlan.For(linear, QuantizedEngine.Qnnpack))!;
        Assert.That(e.Message, Does.Contain("could overflow"));
    }
}
