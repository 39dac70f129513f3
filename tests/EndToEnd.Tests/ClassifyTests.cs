using Kws.Tests.Shared;

namespace Kws.EndToEnd.Tests;

/// <summary>
/// The published binary classifies every committed sample as PyTorch does: the baked-in generated model against the
/// PTQ references, and the interpreter (<c>--manifest</c>) against each bundled model's references.
/// </summary>
public sealed class ClassifyTests
{
    private const string BakedInKind = "ptq";

    [Test]
    public void BakedInModelMatchesPyTorchOnEverySample()
    {
        ReferenceSet references = ReferenceSet.Load(BakedInKind);
        var results = ClassifyAll(references);
        AssertTop1Matches(references, results);
    }

    [TestCase("fp32")]
    [TestCase("ptq")]
    [TestCase("qat")]
    public void InterpreterOnBundledManifestMatchesPyTorchOnEverySample(string kind)
    {
        if (!File.Exists(ManifestOf(kind)))
        {
            Assert.Fail($"{ManifestOf(kind)} is missing: the bundled manifests are committed (models/, re-export with kwsc export)");
        }
        ReferenceSet references = ReferenceSet.Load(kind);
        var results = ClassifyAll(references, "--manifest", ManifestOf(kind));
        AssertTop1Matches(references, results);
    }

    [Test]
    public void GeneratedAndInterpretedGiveBitIdenticalLogProbs()
    {
        ReferenceSet references = ReferenceSet.Load(BakedInKind);
        var generated = ClassifyAll(references);
        var interpreted = ClassifyAll(references, "--manifest", ManifestOf(BakedInKind));
        for (int i = 0; i < generated.Count; i++)
        {
            Assert.That(interpreted[i].LogProbs, Is.EqualTo(generated[i].LogProbs), generated[i].File);
        }
    }

    [Test]
    public void LogProbsAreCloseToPyTorchs()
    {
        ReferenceSet references = ReferenceSet.Load(BakedInKind);
        var results = ClassifyAll(references);
        for (int i = 0; i < results.Count; i++)
        {
            // int8 models: the same codes give the same dequantized logits; allow float log-softmax rounding.
            Assert.That(results[i].LogProbs, Is.EqualTo(references.Samples[i].LogProbs).Within(1e-4f), results[i].File);
        }
    }

    [Test]
    public void StandardInputIsClassifiedLikeTheFile()
    {
        LabelledClip clip = ReferenceSamples.Clips()[0];
        var fromFile = KwsJson.Classifications(PublishedKws.Run(clip.FullPath, "--json"));
        var fromStdin = KwsJson.Classifications(PublishedKws.RunWithInput(File.ReadAllBytes(clip.FullPath), "-", "--json"));
        Assert.Multiple(() =>
        {
            Assert.That(fromStdin.Single().File, Is.EqualTo("-"));
            Assert.That(fromStdin.Single().LogProbs, Is.EqualTo(fromFile.Single().LogProbs));
        });
    }

    [Test]
    public void TextOutputShowsTheTopLabelsOfEachFile()
    {
        var clips = ReferenceSamples.Clips().Take(3).ToList();
        ProcessResult result = PublishedKws.Run([.. clips.Select(c => c.File), "--top", "2"]);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        string[] lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(clips.Count), result.StandardOutput);
        ReferenceSet references = ReferenceSet.Load(BakedInKind);
        for (int i = 0; i < clips.Count; i++)
        {
            string[] fields = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // file, then label probability pairs, best first.
            Assert.That(fields, Has.Length.EqualTo(5), lines[i]);
            Assert.That(fields[0], Is.EqualTo(clips[i].File));
            Assert.That(fields[1], Is.EqualTo(references.Sample(clips[i].File).Predicted), lines[i]);
            Assert.That(double.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture),
                Is.GreaterThanOrEqualTo(double.Parse(fields[4], System.Globalization.CultureInfo.InvariantCulture)), lines[i]);
        }
    }

    private static List<ClassifiedFile> ClassifyAll(ReferenceSet references, params string[] options)
    {
        // One process for every sample, as a user classifying a folder would run it.
        var results = KwsJson.Classifications(PublishedKws.Run([.. references.Samples.Select(s => s.File), "--json", .. options])).ToList();
        Assert.That(results.Select(r => r.File), Is.EqualTo(references.Samples.Select(s => s.File)), "one result per file, in order");
        return results;
    }

    private static void AssertTop1Matches(ReferenceSet references, List<ClassifiedFile> results)
    {
        var mismatches = results.Zip(references.Samples)
            .Where(pair => pair.First.Label != pair.Second.Predicted)
            .Select(pair => $"{pair.First.File}: kws {pair.First.Label}, PyTorch {pair.Second.Predicted}")
            .ToList();
        Assert.That(mismatches, Is.Empty);
        Assert.That(results, Has.Count.GreaterThan(0));
    }

    private static string ManifestOf(string kind) => RepositoryPaths.Model($"cnn_{kind}_model.kws.json");
}
