using System.Text.Json;
using Kws.Tests.Shared;

namespace Kws.EndToEnd.Tests;

/// <summary>The <c>--json</c> shapes scripts depend on (docs/kws.md): fields present, consistent with each other, and with the model's labels.</summary>
public sealed class JsonOutputTests
{
    private static readonly string[] Labels = File.ReadAllLines(RepositoryPaths.Model("labels.txt"))
        .Where(l => l.Length > 0).ToArray();

    [TestCase(1)]
    [TestCase(5)]
    [TestCase(35)]
    public void ClassificationHasEveryLogProbAndTheTopK(int k)
    {
        LabelledClip clip = ReferenceSamples.Clips()[0];
        ClassifiedFile result = KwsJson.Classifications(PublishedKws.Run(clip.File, "--json", "--top", k.ToString(System.Globalization.CultureInfo.InvariantCulture))).Single();
        Assert.Multiple(() =>
        {
            Assert.That(result.File, Is.EqualTo(clip.File));
            Assert.That(result.LogProbs, Has.Length.EqualTo(Labels.Length));
            Assert.That(result.Top, Has.Length.EqualTo(k));
            Assert.That(result.Top[0].Label, Is.EqualTo(result.Label));
            Assert.That(result.Top.Select(t => t.Probability), Is.Ordered.Descending);
            foreach (var (label, probability) in result.Top)
            {
                Assert.That(probability, Is.EqualTo(Math.Exp(result.LogProbs[Array.IndexOf(Labels, label)])).Within(1e-6), label);
            }
            Assert.That(result.LogProbs.Sum(p => Math.Exp(p)), Is.EqualTo(1.0).Within(1e-3), "probabilities sum to one");
        });
    }

    [Test]
    public void TopLargerThanTheLabelCountShowsEveryLabel()
    {
        ClassifiedFile result = KwsJson.Classifications(PublishedKws.Run(ReferenceSamples.Clips()[0].File, "--json", "--top", "1000")).Single();
        Assert.That(result.Top.Select(t => t.Label), Is.EquivalentTo(Labels));
    }

    [Test]
    public void InfoDescribesTheBakedInPtqModel()
    {
        using JsonDocument info = KwsJson.Object(PublishedKws.Run("info", "--json"));
        JsonElement root = info.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("labels").EnumerateArray().Select(l => l.GetString()), Is.EqualTo(Labels));
            Assert.That(root.GetProperty("precision").GetString(), Is.EqualTo("int8"));
            Assert.That(root.GetProperty("source").GetProperty("kind").GetString(), Is.EqualTo("ptq"));
            Assert.That(root.GetProperty("source").GetProperty("file").GetString(), Is.EqualTo("cnn_ptq_model.pth"));
            Assert.That(root.GetProperty("source").GetProperty("sha256").GetString(), Has.Length.EqualTo(64));
            Assert.That(root.GetProperty("input").GetProperty("sampleRate").GetInt32(), Is.EqualTo(8000));
            Assert.That(root.GetProperty("layers").GetArrayLength(), Is.GreaterThan(5));
            Assert.That(root.GetProperty("weightBytes").GetInt64(), Is.GreaterThan(0));
            Assert.That(root.GetProperty("scratchBytes").GetInt64(), Is.GreaterThan(0));
            // Published with the default x86-64-v3 target, the binary takes at least the AVX2 path on this machine.
            Assert.That(root.GetProperty("instructionSet").GetString(), Is.EqualTo("x86-64-v3"));
            Assert.That(root.GetProperty("simd").GetString(), Is.AnyOf("Avx2", "AvxVnni"));
        });
    }

    [Test]
    public void BenchComparesBothEnginesOnTheDevice()
    {
        using JsonDocument bench = KwsJson.Object(PublishedKws.Run("bench", "--json", "--runs", "20"));
        JsonElement root = bench.RootElement;
        Assert.Multiple(() =>
        {
            foreach (string engine in new[] { "generated", "interpreted", "frontEnd", "endToEnd" })
            {
                JsonElement timing = root.GetProperty(engine);
                double median = timing.GetProperty("medianMicroseconds").GetDouble();
                double min = timing.GetProperty("minMicroseconds").GetDouble();
                Assert.That(min, Is.GreaterThan(0), engine);
                Assert.That(median, Is.GreaterThanOrEqualTo(min), engine);
                Assert.That(timing.GetProperty("runs").GetInt32(), Is.EqualTo(20), engine);
            }
            Assert.That(root.GetProperty("simd").GetString(), Is.Not.Empty);
            Assert.That(root.GetProperty("identicalOutputs").GetBoolean(), Is.True, "int8 engines are bit-identical");
            Assert.That(root.GetProperty("frontEnd").GetProperty("sampleRate").GetInt32(), Is.EqualTo(16000), "the synthetic clip is 16 kHz PCM16");
            Assert.That(root.GetProperty("endToEnd").GetProperty("sampleRate").GetInt32(), Is.EqualTo(16000));
            // The whole path includes the network, so it cannot be faster than it (medians of 20 runs; no time is asserted).
            Assert.That(root.GetProperty("endToEndVsGenerated").GetDouble(), Is.GreaterThan(0));
        });
    }
}
