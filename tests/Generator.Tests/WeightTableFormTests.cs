extern alias GeneratorAssembly;

using Kws.Generator.Tests.Harness;
using Kws.Generator.Tests.Parity;
using Kws.Runtime.Manifest;
using GeneratorEmit = GeneratorAssembly::Kws.Generator.Emit;
using GeneratorManifest = GeneratorAssembly::Kws.Runtime.Manifest;
using GeneratorPlanning = GeneratorAssembly::Kws.Generator.Planning;

namespace Kws.Generator.Tests;

/// <summary>
/// Weights are one string literal per layer (cheap to compile at any size) unless the model's weights would overflow
/// the assembly's string heap, where they fall back to element lists: both forms must give the same model.
/// </summary>
[Category("Parity")]
public class WeightTableFormTests
{
    [TestCase(true)]
    [TestCase(false)]
    public void PackedAndElementListWeightsGiveTheSameModel(bool int8)
    {
        ModelManifest manifest = TestModels.M5(int8 ? "FormsInt8" : "FormsFloat", int8, seed: 31);
        string text = ManifestWriter.Write(manifest);
        GeneratorManifest.ModelManifest generatorManifest = GeneratorManifest.ManifestReader.Read(text);
        string packed = Emit(generatorManifest, GeneratorPlanning.ModelPlan.MaxPackedBytes);
        string lists = Emit(generatorManifest, maxPackedBytes: 0);
        Assert.That(packed, Does.Contain("MemoryMarshal.Cast<char, " + (int8 ? "sbyte" : "float") + ">(\""));
        Assert.That(lists, Does.Not.Contain("MemoryMarshal.Cast<char,"));

        using LoadedModels fromPacked = GeneratorHarness.CompileAndLoad(GeneratorHarness.EmptyCompilation("Packed", true, packed));
        using LoadedModels fromLists = GeneratorHarness.CompileAndLoad(GeneratorHarness.EmptyCompilation("Lists", true, lists));
        var inputs = TestModels.EdgeSamples(manifest.InputLength).Concat(
            Enumerable.Range(0, 4).Select(i => TestModels.RandomSamples(new Random(i), manifest.InputLength))).ToList();
        EngineComparison.AssertSameAnswers(manifest, fromPacked.Create(manifest.Name), inputs);
        EngineComparison.AssertSameAnswers(manifest, fromLists.Create(manifest.Name), inputs);
    }

    private static string Emit(GeneratorManifest.ModelManifest manifest, long maxPackedBytes) =>
        GeneratorEmit.ModelEmitter.Emit(GeneratorPlanning.ModelPlan.For(manifest, allowsUnsafe: true, maxPackedBytes), "model.kws.json", "Kws.Generated");
}
