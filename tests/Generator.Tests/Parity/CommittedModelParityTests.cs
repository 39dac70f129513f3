using Kws.Generator.Tests.Harness;
using Kws.Runtime.Audio;
using Kws.Runtime.Manifest;
using Kws.Tests.Shared;

namespace Kws.Generator.Tests.Parity;

/// <summary>The manifests committed under models/ (kwsc exports of the real checkpoints): generated vs interpreted on the sample clips and on random and edge inputs.</summary>
[Category("Parity")]
public class CommittedModelParityTests
{
    private static IEnumerable<TestCaseData> CommittedManifests()
    {
        string[] paths = Directory.Exists(RepositoryPaths.Models)
            ? Directory.EnumerateFiles(RepositoryPaths.Models, "*.kws.json").Order(StringComparer.Ordinal).ToArray()
            : [];
        if (paths.Length == 0)
        {
            yield return new TestCaseData("").SetArgDisplayNames("no committed manifests");
        }
        foreach (string path in paths)
        {
            yield return new TestCaseData(path).SetArgDisplayNames(Path.GetFileName(path));
        }
    }

    [TestCaseSource(nameof(CommittedManifests))]
    public void CommittedManifestMatchesTheInterpreter(string path)
    {
        if (path.Length == 0)
        {
            Assert.Fail("models/ holds no *.kws.json: the bundled manifests are committed");
        }
        string text = File.ReadAllText(path);
        ModelManifest manifest = ManifestReader.Read(text);
        using LoadedModels loaded = GeneratorHarness.CompileAndLoad(GeneratorHarness.Run(("/models/" + Path.GetFileName(path), text)));
        var inputs = new List<float[]>(TestModels.EdgeSamples(manifest.InputLength));
        var rng = new Random(21);
        inputs.AddRange(Enumerable.Range(0, 4).Select(_ => TestModels.RandomSamples(rng, manifest.InputLength, 0.3f)));
        string clips = Path.Combine(RepositoryPaths.Samples, "clips");
        if (Directory.Exists(clips))
        {
            var frontEnd = new AudioFrontEnd(manifest.SampleRate, manifest.InputLength);
            inputs.AddRange(ReferenceSamples.Clips().Select(clip => frontEnd.PrepareFile(clip.FullPath)));
        }
        TestContext.Out.WriteLine($"{Path.GetFileName(path)}: {inputs.Count} inputs, path {loaded.Create(manifest.Name).SimdPath}");
        EngineComparison.AssertSameAnswers(manifest, loaded.Create(manifest.Name), inputs);
    }
}
