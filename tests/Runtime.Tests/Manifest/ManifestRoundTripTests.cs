using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;

namespace Kws.Runtime.Tests.Manifest;

/// <summary>The manifest format round-trips and refuses what it cannot run; see docs/manifest.md.</summary>
public class ManifestRoundTripTests
{
    internal static ModelManifest TinyInt8Model()
    {
        var inQ = new ActivationQuantization(0.0078125, 128);
        var convQ = new ActivationQuantization(0.05, 3);
        var fcQ = new ActivationQuantization(0.1, 120);
        var layers = new List<LayerSpec>
        {
            new QuantizeLayer("quant", 1, 16, inQ),
            new Conv1dLayer("conv1", 1, 2, 4, 2, 16, 7, true, [0.5f, -0.25f], null,
                [1, -2, 3, -4, 5, -6, 7, -8], new WeightQuantization(true, 0, [0.01, 0.02], [0, 0]), inQ, convQ),
            new MaxPool1dLayer("pool1", 2, 2, 2, 7, 3),
            new GlobalAvgPool1dLayer("avgpool", 2, 3, convQ),
            new LinearLayer("fc1", 2, 3, false, [0f, 0.1f, -0.1f], null, [10, -10, 20, 5, -127, 127],
                new WeightQuantization(false, 0, [0.03], [0]), convQ, fcQ),
            new DequantizeLayer("dequant", 3, 1, fcQ),
            new LogSoftmaxLayer("log_softmax", 3),
        };
        return new ModelManifest("Tiny", new SourceCheckpoint("tiny.pth", "00", "ptq"), "kwsc test",
            ["a", "b", "c"], 8000, 16, layers);
    }

    [Test]
    public void WrittenManifestReadsBackToTheSameText()
    {
        string text = ManifestWriter.Write(TinyInt8Model());
        ModelManifest read = ManifestReader.Read(text);
        Assert.That(ManifestWriter.Write(read), Is.EqualTo(text));
        Assert.That(read.Layers, Has.Count.EqualTo(7));
        Assert.That(((Conv1dLayer)read.Layers[1]).Int8Weights, Is.EqualTo(new sbyte[] { 1, -2, 3, -4, 5, -6, 7, -8 }));
        Assert.That(read.ContentHash, Does.StartWith("sha256:"));
    }

    [Test]
    public void EditedManifestIsRejectedByItsHash()
    {
        string text = ManifestWriter.Write(TinyInt8Model()).Replace("\"relu\": true", "\"relu\": false");
        var e = Assert.Throws<ManifestException>(() => ManifestReader.Read(text))!;
        Assert.That(e.Message, Does.Contain("content hash mismatch"));
        Assert.That(e.Line, Is.GreaterThan(1));
    }

    [TestCase("", "unexpected end")]
    [TestCase("{\"format\": \"kws-manifest\",", "expected a property name")]
    [TestCase("[1, 2]", "must be a JSON object")]
    [TestCase("{\"format\": \"onnx\"}", "not a kws manifest")]
    [TestCase("{\"format\": \"kws-manifest\", \"formatVersion\": 9}", "unknown manifest formatVersion 9")]
    [TestCase("{\"a\": 1, \"a\": 2}", "duplicate property")]
    public void MalformedManifestsGiveOneClearError(string text, string expected)
    {
        var e = Assert.Throws<ManifestException>(() => ManifestReader.Read(text))!;
        Assert.That(e.Message, Does.Contain(expected));
    }

    [Test]
    public void DeeplyNestedJsonIsRefusedWithoutStackOverflow()
    {
        string text = new string('[', 100_000) + new string(']', 100_000);
        var e = Assert.Throws<ManifestException>(() => ManifestReader.Read(text))!;
        Assert.That(e.Message, Does.Contain("nesting deeper"));
    }
}
