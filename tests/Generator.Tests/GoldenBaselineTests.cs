using Kws.Generator.Tests.Harness;
using Kws.Runtime.Manifest;
using Kws.Tests.Shared;

namespace Kws.Generator.Tests;

/// <summary>
/// The generated source, compared with the committed golden files in tests/Generator.Tests/Baselines. After an
/// intended change to the emitter, regenerate them with KWS_UPDATE_BASELINES=1 and review the diff.
/// </summary>
public class GoldenBaselineTests
{
    private static string BaselineDirectory => Path.Combine(RepositoryPaths.Root, "tests", "Generator.Tests", "Baselines");

    private static bool Updating => Environment.GetEnvironmentVariable("KWS_UPDATE_BASELINES") == "1";

    /// <summary>The hand-made test models and every manifest committed under models/.</summary>
    private static IEnumerable<TestCaseData> Manifests()
    {
        yield return new TestCaseData("TinyInt8.kws.json", ManifestWriter.Write(TestModels.TinyInt8())).SetArgDisplayNames("TinyInt8");
        yield return new TestCaseData("TinyFloat.kws.json", ManifestWriter.Write(TestModels.TinyFloat())).SetArgDisplayNames("TinyFloat");
        if (Directory.Exists(RepositoryPaths.Models))
        {
            foreach (string path in Directory.EnumerateFiles(RepositoryPaths.Models, "*.kws.json").Order(StringComparer.Ordinal))
            {
                yield return new TestCaseData(Path.GetFileName(path), File.ReadAllText(path)).SetArgDisplayNames(Path.GetFileName(path));
            }
        }
    }

    [TestCaseSource(nameof(Manifests))]
    public void GeneratedSourceMatchesItsBaseline(string fileName, string text)
    {
        GeneratorOutcome outcome = GeneratorHarness.Run(("/models/" + fileName, text));
        Assert.That(outcome.GeneratorDiagnostics, Is.Empty);
        foreach (var source in outcome.RunResult.Results.Single().GeneratedSources.Where(s => s.HintName != "GeneratedModels.g.cs"))
        {
            if (!Updating && !fileName.StartsWith("Tiny", StringComparison.Ordinal) && !File.Exists(Path.Combine(BaselineDirectory, source.HintName)))
            {
                // Every committed manifest has its baseline: a new one is made by a KWS_UPDATE_BASELINES=1 run, reviewed and committed with it.
                Assert.Fail($"models/{fileName} has no baseline {source.HintName}: run with KWS_UPDATE_BASELINES=1, review it and commit it");
            }
            Compare(source.HintName, source.SourceText.ToString());
        }
    }

    [Test]
    public void RegistryMatchesItsBaseline()
    {
        GeneratorOutcome outcome = GeneratorHarness.Run(
            ("/m/a.kws.json", ManifestWriter.Write(TestModels.TinyInt8())), ("/m/b.kws.json", ManifestWriter.Write(TestModels.TinyFloat())));
        Compare("GeneratedModels.g.cs", outcome.SourceOf("GeneratedModels.g.cs"));
    }

    [Test]
    public void IdenticalInputGivesIdenticalOutput()
    {
        string text = ManifestWriter.Write(TestModels.TinyInt8());
        string first = GeneratorHarness.Run(("/a/x.kws.json", text)).SourceOf("TinyInt8.g.cs");
        string second = GeneratorHarness.Run(("/a/x.kws.json", text)).SourceOf("TinyInt8.g.cs");
        Assert.That(second, Is.EqualTo(first));
    }

    private static void Compare(string hintName, string actual)
    {
        string path = Path.Combine(BaselineDirectory, hintName);
        if (Updating)
        {
            File.WriteAllText(path, actual);
            Assert.Pass($"baseline {hintName} rewritten");
        }
        Assert.That(File.Exists(path), Is.True, $"no baseline {path}: run the tests once with KWS_UPDATE_BASELINES=1 and commit it");
        Assert.That(actual, Is.EqualTo(File.ReadAllText(path)), $"{hintName} differs from its baseline; if intended, regenerate with KWS_UPDATE_BASELINES=1");
    }
}
