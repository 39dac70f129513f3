using System.Text.Json;
using Kws.Tests.Shared;

namespace Kws.EndToEnd.Tests;

/// <summary>
/// A layer-wise quantized checkpoint compiled into kws (<c>-p:KwsModel=</c>): the seed repository's modular M5 with
/// block 2 alone in int8 (float blocks before and after it, so both a quantize and a dequantize step run mid-network).
/// kws info states each layer's precision, and every committed sample gets PyTorch's answer.
/// </summary>
public sealed class MixedModelTests
{
    private const string Kind = "modular_layerwise_q2";

    private static ReferenceSet References => ReferenceSet.Load(Kind);

    private static string Manifest => Path.ChangeExtension(References.Checkpoint, ".kws.json");

    private static ProcessResult Run(params string[] arguments) =>
        ProcessRunner.Run(PublishedKws.BinaryWith(Manifest), arguments, TimeSpan.FromMinutes(2), RepositoryPaths.Models);

    [Test]
    public void InfoShowsTheMixedModelLayerByLayer()
    {
        using JsonDocument info = KwsJson.Object(Run("info", "--json"));
        JsonElement root = info.RootElement;
        Assert.That(root.GetProperty("precision").GetString(), Is.EqualTo("mixed"));
        var layers = root.GetProperty("layers").EnumerateArray()
            .Select(l => (Name: l.GetProperty("name").GetString(), Precision: l.GetProperty("precision").GetString())).ToList();
        Assert.That(layers.Select(l => l.Name), Is.EqualTo(new[]
        {
            "conv1", "pool1", "quant", "conv2", "pool2", "dequant", "conv3", "pool3", "conv4", "pool4", "avgpool", "fc1", "log_softmax",
        }));
        Assert.That(layers.Single(l => l.Name == "conv2").Precision, Is.EqualTo("int8"));
        Assert.That(layers.Where(l => l.Name is "conv1" or "conv3" or "conv4" or "fc1").Select(l => l.Precision), Has.All.EqualTo("float32"));
    }

    [Test]
    public void EveryCommittedSampleGetsPyTorchsAnswer()
    {
        ReferenceSet references = References;
        var results = KwsJson.Classifications(Run([.. references.Samples.Select(s => s.File), "--json"])).ToList();
        Assert.That(results.Select(r => r.File), Is.EqualTo(references.Samples.Select(s => s.File)), "one result per file, in order");
        Assert.Multiple(() =>
        {
            foreach ((ClassifiedFile ours, SampleReference theirs) in results.Zip(references.Samples))
            {
                Assert.That(ours.Label, Is.EqualTo(theirs.Predicted), ours.File);
                Assert.That(ours.LogProbs, Is.EqualTo(theirs.LogProbs).Within(1e-4f), ours.File);
            }
        });
    }
}
