using Kws.Generator.Tests.Harness;
using Kws.Runtime.Audio;
using Kws.Runtime.Manifest;
using Kws.Tests.Shared;

namespace Kws.Generator.Tests.Parity;

/// <summary>
/// The manifests committed beside the recipe's modular checkpoints (models/modular, models/variant: FP32, whole-model
/// PTQ, layer-wise mixed), all generated and compiled in one batch (one Roslyn compilation), against the interpreter on
/// every committed clip and the edge inputs. .ci/run repeats this category under each DOTNET_Enable* knob.
/// </summary>
[Category("Parity")]
public class CommittedModularParityTests
{
    private static readonly string[] Families = ["modular", "variant"];

    [Test]
    public void CommittedModularManifestsMatchTheInterpreter()
    {
        string[] paths = Families.Select(RepositoryPaths.Model).Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.kws.json")).Order(StringComparer.Ordinal).ToArray();
        Assert.That(paths, Is.Not.Empty, "models/modular holds the exported manifests (docs/kwsc.md)");
        var manifests = paths.Select(path => (Path: "/models/" + Path.GetFileName(path), Text: File.ReadAllText(path))).ToArray();
        using LoadedModels loaded = GeneratorHarness.CompileAndLoad(GeneratorHarness.Run(manifests));
        foreach ((string _, string text) in manifests)
        {
            ModelManifest manifest = ManifestReader.Read(text);
            var frontEnd = new AudioFrontEnd(manifest.SampleRate, manifest.InputLength);
            var inputs = TestModels.EdgeSamples(manifest.InputLength).Concat(ReferenceSamples.Clips().Select(clip => frontEnd.PrepareFile(clip.FullPath))).ToList();
            TestContext.Out.WriteLine($"{manifest.Name} ({ManifestWriter.PrecisionName(manifest.Precision)}): {inputs.Count} inputs, path {loaded.Create(manifest.Name).SimdPath}");
            EngineComparison.AssertSameAnswers(manifest, loaded.Create(manifest.Name), inputs);
        }
    }
}
