using Kws.Generator.Tests.Harness;
using Kws.Runtime.Manifest;

namespace Kws.Generator.Tests.Parity;

/// <summary>
/// Generated code against the interpreter on M5-shaped models and on random small manifests (property tests), on
/// random and edge-case inputs. .ci/run repeats this category under each DOTNET_Enable* knob, one SIMD path each.
/// </summary>
[Category("Parity")]
public class GeneratedParityTests
{
    private const int RandomModelsPerBatch = 12;

    [TestCase(true)]
    [TestCase(false)]
    public void M5ShapedModelsMatchTheInterpreter(bool int8)
    {
        var manifests = Enumerable.Range(0, 3).Select(seed => TestModels.M5($"M5Seed{seed}", int8, 100 + seed)).ToList();
        RunBatch(manifests, new Random(7), randomInputs: 6);
    }

    [Test]
    public void TinyHandMadeModelsMatchTheInterpreter() =>
        RunBatch([TestModels.TinyInt8(), TestModels.TinyFloat()], new Random(8), randomInputs: 20);

    [TestCase(0, true)]
    [TestCase(1, true)]
    [TestCase(2, true)]
    [TestCase(3, true)]
    [TestCase(4, false)]
    public void RandomSmallManifestsMatchTheInterpreter(int batch, bool int8)
    {
        var manifests = Enumerable.Range(0, RandomModelsPerBatch)
            .Select(i => TestModels.Random($"Random{batch}x{i}", int8, seed: batch * 1000 + i))
            .ToList();
        RunBatch(manifests, new Random(batch), randomInputs: 8);
    }

    [TestCase(5)]
    [TestCase(6)]
    public void QnnpackManifestsMatchTheInterpreter(int batch)
    {
        // The same random layers on qnnpack's arithmetic: its requantization constants and its average pool, emitted.
        var manifests = Enumerable.Range(0, RandomModelsPerBatch)
            .Select(i => TestModels.Random($"Qnnpack{batch}x{i}", int8: true, seed: batch * 1000 + i))
            .Append(TestModels.M5($"QnnpackM5Seed{batch}", int8: true, batch))
            .Select(OnQnnpack)
            .Where(IsValid)
            .ToList();
        Assert.That(manifests, Has.Count.GreaterThanOrEqualTo(RandomModelsPerBatch / 2), "most random models suit qnnpack too");
        RunBatch(manifests, new Random(batch), randomInputs: 8);
    }

    private static ModelManifest OnQnnpack(ModelManifest m) =>
        new(m.Name, m.Source, m.Compiler, m.Labels, m.SampleRate, m.InputLength, m.Layers, QuantizedEngine.Qnnpack);

    /// <summary>qnnpack's int32 bias can push an extreme random layer past the accumulator bound, which is refused.</summary>
    private static bool IsValid(ModelManifest manifest)
    {
        try
        {
            ManifestValidator.Validate(manifest);
            return true;
        }
        catch (ManifestValidationException)
        {
            return false;
        }
    }

    /// <summary>One generator run and one compilation for many models: Roslyn is the slow part.</summary>
    internal static void RunBatch(IReadOnlyList<ModelManifest> manifests, Random rng, int randomInputs)
    {
        GeneratorOutcome outcome = GeneratorHarness.Run(manifests.Select(m => ($"/models/{m.Name}.kws.json", ManifestWriter.Write(m))).ToArray());
        using LoadedModels loaded = GeneratorHarness.CompileAndLoad(outcome);
        TestContext.Out.WriteLine($"SIMD path: {loaded.Create(manifests[0].Name).SimdPath}");
        foreach (ModelManifest manifest in manifests)
        {
            var inputs = TestModels.EdgeSamples(manifest.InputLength)
                .Concat(Enumerable.Range(0, randomInputs).Select(i =>
                    TestModels.RandomSamples(rng, manifest.InputLength, amplitude: i % 3 == 0 ? 0.05f : 1f)))
                .ToList();
            EngineComparison.AssertSameAnswers(manifest, loaded.Create(manifest.Name), inputs);
        }
    }
}
