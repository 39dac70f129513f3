using Kws.Generator.Tests.Harness;
using Kws.Runtime.Manifest;

namespace Kws.Generator.Tests.Parity;

/// <summary>
/// Mixed-precision models (float32 and int8 layers with quantize and dequantize steps between them, as layer-wise
/// quantization makes) through the generated code and the interpreter, on random and edge-case inputs: the M5's
/// shapes with each block alone in int8, and random small models that switch precision at random layers. .ci/run
/// repeats this category under each DOTNET_Enable* knob, one SIMD path each.
/// </summary>
[Category("Parity")]
public class MixedPrecisionParityTests
{
    /// <summary>One batch (one Roslyn compilation, the slow part): the four layer-wise M5s and eight random mixed models.</summary>
    [Test]
    public void MixedModelsMatchTheInterpreterBitForBit()
    {
        var layerWise = Enumerable.Range(1, 4).Select(block => TestModels.LayerWiseM5($"LayerWiseQ{block}", block, seed: 300 + block));
        var random = Enumerable.Range(0, 8).Select(i => TestModels.Random($"Mixed{i}", int8: i % 2 == 0, seed: 7000 + i, mixed: true));
        var manifests = layerWise.Concat(random).ToList();
        Assert.That(manifests.Count(m => m.Precision == ModelPrecision.Mixed), Is.GreaterThanOrEqualTo(8), "the batch must hold mixed models");
        GeneratedParityTests.RunBatch(manifests, new Random(31), randomInputs: 4);
    }
}
