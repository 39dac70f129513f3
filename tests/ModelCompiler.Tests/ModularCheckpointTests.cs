using System.Text.Json;
using Kws.Compiler.Checkpoints;
using Kws.Compiler.Configuration;
using Kws.Compiler.Export;
using Kws.Compiler.Recognition;
using Kws.Compiler.Tests.Support;
using Kws.Runtime.Interpretation;
using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;

namespace Kws.Compiler.Tests;

/// <summary>
/// The seed repository's modular checkpoints (Fixtures/make_modular_fixtures.py): each layout is recognised from its
/// keys, exported, and the interpreter on the manifest gives PyTorch's answer for the fixture's reference input: the
/// same top-1, log-probabilities within 1e-5, and every int8 intermediate identical to int_repr(). In category Parity,
/// so CI repeats it on every SIMD path.
/// </summary>
[Category("Parity")]
public sealed class ModularCheckpointTests
{
    private static readonly string[] SmallLabels = ["a", "b", "c", "d", "e"];

    public static IEnumerable<TestCaseData> Fixtures =>
    [
        new TestCaseData("modular_fp32", "modular_fp32.yaml").SetName("modular FP32"),
        new TestCaseData("modular_ptq", "modular_ptq.yaml").SetName("modular PTQ"),
        new TestCaseData("modular_qat", "modular_qat.yaml").SetName("modular QAT"),
        new TestCaseData("layerwise_q1", "layerwise.yaml").SetName("layer-wise q1"),
        new TestCaseData("layerwise_q2", "layerwise.yaml").SetName("layer-wise q2"),
        new TestCaseData("layerwise_q3", "layerwise.yaml").SetName("layer-wise q3"),
        new TestCaseData("layerwise_q4", "layerwise.yaml").SetName("layer-wise q4"),
        new TestCaseData("layerwise_small_q2", "layerwise_small.yaml").SetName("layer-wise q2, 6 channels, 5 classes, stride 8"),
        new TestCaseData("layerwise_small_q4", "layerwise_small.yaml").SetName("layer-wise q4, 6 channels, 5 classes, stride 8"),
    ];

    [TestCaseSource(nameof(Fixtures))]
    public void Interpreter_on_the_exported_manifest_matches_PyTorch(string fixture, string config)
    {
        ModelManifest manifest = Export(fixture, config);
        using JsonDocument reference = JsonDocument.Parse(File.ReadAllText(FixturePaths.Of(fixture + ".reference.json")));
        JsonElement root = reference.RootElement;
        double[] expected = root.GetProperty("logProbs").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var model = new InterpretedModel(ManifestReader.Read(ManifestWriter.Write(manifest)));
        var logProbs = new float[expected.Length];
        Dictionary<string, LayerOutput> traced = model.InferTraced(FixtureInput.Of(model.InputLength), logProbs).ToDictionary(l => l.Name);

        Assert.Multiple(() =>
        {
            Assert.That(Array.IndexOf(logProbs, logProbs.Max()), Is.EqualTo(Array.IndexOf(expected, expected.Max())), "top-1");
            Assert.That(logProbs.Zip(expected, (a, e) => Math.Abs(a - e)).Max(), Is.LessThan(1e-5), "log-probabilities");
            foreach (JsonElement intermediate in root.GetProperty("intermediates").EnumerateArray())
            {
                string name = intermediate.GetProperty("name").GetString()!;
                byte[] codes = intermediate.GetProperty("codes").EnumerateArray().Select(e => (byte)e.GetInt32()).ToArray();
                Assert.That(traced.ContainsKey(name), $"the manifest has no layer {name}");
                Assert.That(traced[name].Codes, Is.EqualTo(codes), $"{name}: int_repr()");
            }
        });
    }

    [TestCase("modular_fp32.pth", CheckpointLayout.Modular, QuantizationScope.None, new[] { BlockForm.FloatWithBatchNorm, BlockForm.FloatWithBatchNorm, BlockForm.FloatWithBatchNorm, BlockForm.FloatWithBatchNorm })]
    [TestCase("modular_ptq.pth", CheckpointLayout.Modular, QuantizationScope.WholeModel, new[] { BlockForm.Int8, BlockForm.Int8, BlockForm.Int8, BlockForm.Int8 })]
    [TestCase("modular_qat.pth", CheckpointLayout.Modular, QuantizationScope.WholeModel, new[] { BlockForm.Int8, BlockForm.Int8, BlockForm.Int8, BlockForm.Int8 })]
    [TestCase("layerwise_q3.pth", CheckpointLayout.Modular, QuantizationScope.SingleBlock, new[] { BlockForm.FloatFused, BlockForm.FloatFused, BlockForm.Int8, BlockForm.FloatFused })]
    [TestCase("m5_fp32.pth", CheckpointLayout.M5, QuantizationScope.None, new[] { BlockForm.FloatWithBatchNorm, BlockForm.FloatWithBatchNorm, BlockForm.FloatWithBatchNorm, BlockForm.FloatWithBatchNorm })]
    [TestCase("m5_ptq.pth", CheckpointLayout.M5, QuantizationScope.WholeModel, new[] { BlockForm.Int8, BlockForm.Int8, BlockForm.Int8, BlockForm.Int8 })]
    public void Each_layout_is_recognised_from_its_keys(string file, CheckpointLayout layout, QuantizationScope scope, BlockForm[] forms)
    {
        M5Model model = M5Recognizer.Recognize(CheckpointReader.Read(FixturePaths.Of(file)));
        Assert.That((model.Layout, model.Scope), Is.EqualTo((layout, scope)));
        Assert.That(model.Convolutions.Select(c => c.Form), Is.EqualTo(forms));
    }

    [Test]
    public void A_layer_wise_manifest_quantizes_before_its_int8_block_and_dequantizes_after_it()
    {
        ModelManifest manifest = Export("layerwise_q2", "layerwise.yaml");
        Assert.That(manifest.Layers.Select(l => l.Name), Is.EqualTo(new[]
        {
            "conv1", "pool1", "quant", "conv2", "pool2", "dequant", "conv3", "pool3", "conv4", "pool4", "avgpool", "fc1", "log_softmax",
        }));
        Assert.That(manifest.Precision, Is.EqualTo(ModelPrecision.Mixed));
        Assert.That(manifest.Layers.Select((l, i) => l.HasInt8Weights ? i : -1).Where(i => i >= 0), Is.EqualTo(new[] { 3 }));
        Assert.That(manifest.Source.Kind, Is.EqualTo("ptq"));
        var conv2 = (Conv1dLayer)manifest.Layers[3];
        Assert.That(((QuantizeLayer)manifest.Layers[2]).Output, Is.EqualTo(conv2.Input), "quant.scale and quant.zero_point");
        Assert.That(((DequantizeLayer)manifest.Layers[5]).Input, Is.EqualTo(conv2.Output), "the block's output quantization");
    }

    [Test]
    public void The_modular_FP32_twin_exports_the_same_weights_as_the_M5_layout_and_pools_as_its_forward()
    {
        ModelManifest modular = Export("modular_fp32", "modular_fp32.yaml");
        ModelManifest m5 = ManifestExporter.Build(CheckpointReader.Read(FixturePaths.Of("m5_fp32.pth")),
            M5ConfigReader.Read(FixturePaths.Of("m5.yaml")), null, "ModularFp32", "kwsc test");
        string Layers(ModelManifest m) => ManifestWriter.Write(m).Split("\"layers\"")[1].Split("\"contentHash\"")[0];
        Assert.That(modular.Layers.Single(l => l.Name == "avgpool"), Is.InstanceOf<AdaptiveAvgPool1dLayer>(), "M5Modular: F.adaptive_avg_pool1d");
        Assert.That(m5.Layers.Single(l => l.Name == "avgpool"), Is.InstanceOf<GlobalAvgPool1dLayer>(), "M5: F.avg_pool1d");
        Assert.That(Layers(modular).Replace(AdaptiveAvgPool1dLayer.OpName, GlobalAvgPool1dLayer.OpName, StringComparison.Ordinal), Is.EqualTo(Layers(m5)));
    }

    [TestCase("bad_two_int8_blocks.pth",
        "bad_two_int8_blocks.pth: 2 int8 blocks (block1.block.0.weight, block3.block.0.weight are qint8): an M5 checkpoint has every layer int8 (PTQ/QAT) or exactly one int8 block with the rest float (layer-wise), not this mix")]
    [TestCase("bad_batchnorm_left_over.pth",
        "bad_batchnorm_left_over.pth: block2.block.0.0 is a fused conv+ReLU (float, BatchNorm already folded in) but block2.block.1.weight, block2.block.1.bias, block2.block.1.running_mean, block2.block.1.running_var, block2.block.1.num_batches_tracked are left over: a fused block has no BatchNorm keys")]
    [TestCase("bad_no_quant_stub.pth",
        "bad_no_quant_stub.pth: block1.block.0.weight is qint8 but quant.scale or quant.zero_point is missing: the QuantStub that quantizes conv1's input is not in the checkpoint")]
    public void An_inconsistent_layer_wise_checkpoint_is_one_error_naming_its_keys(string file, string expected)
    {
        var e = Assert.Throws<CheckpointException>(() => M5Recognizer.Recognize(CheckpointReader.Read(FixturePaths.Of(file))))!;
        Assert.That(e.Message, Is.EqualTo(expected));
    }

    [TestCase("layerwise_q2", "modular_fp32.yaml",
        "modular_fp32.yaml: model_type is cnn_fp32 (an FP32 checkpoint) but the checkpoint is layer-wise quantized: block2.block.0.weight is qint8, the other blocks and fc1 float32")]
    [TestCase("modular_fp32", "layerwise.yaml",
        "layerwise.yaml: model_type is cnn_ptq_LayerWiseQuant (exactly one int8 block) but the checkpoint is FP32: block1.block.0.weight and fc1.weight are float32, and there is no quant stub")]
    [TestCase("layerwise_q1", "modular_ptq.yaml",
        "modular_ptq.yaml: model_type is cnn_ptq_static (every layer int8) but the checkpoint is layer-wise quantized: block1.block.0.weight is qint8, the other blocks and fc1 float32")]
    public void A_model_type_that_contradicts_the_keys_is_one_error(string fixture, string config, string expected)
    {
        var e = Assert.Throws<CheckpointException>(() => Export(fixture, config))!;
        Assert.That(e.Message, Is.EqualTo(expected));
    }

    [Test]
    public void A_layer_wise_block_the_config_does_not_list_is_an_error()
    {
        string yaml = File.ReadAllText(FixturePaths.Of("layerwise.yaml")).Replace("quantization: [1, 2, 3, 4]", "quantization: [1, 3]", StringComparison.Ordinal);
        var e = Assert.Throws<CheckpointException>(() => ManifestExporter.Build(CheckpointReader.Read(FixturePaths.Of("layerwise_q2.pth")),
            M5ConfigReader.Parse(yaml, "lw.yaml"), null, null, "kwsc test"))!;
        Assert.That(e.Message, Is.EqualTo(
            "lw.yaml: model.quantization lists blocks [1, 3] but the checkpoint's int8 block is 2 (block2.block.0.weight is qint8, the other blocks and fc1 float32)"));
    }

    [TestCase("cnn_qat_LayerWiseQuant", "qat")]
    [TestCase("cnn_ptq_LayerWiseQuant", "ptq")]
    public void The_model_type_names_the_source_kind(string modelType, string kind)
    {
        string yaml = File.ReadAllText(FixturePaths.Of("layerwise.yaml")).Replace("cnn_ptq_LayerWiseQuant", modelType, StringComparison.Ordinal);
        ModelManifest manifest = ManifestExporter.Build(CheckpointReader.Read(FixturePaths.Of("layerwise_q2.pth")),
            M5ConfigReader.Parse(yaml, "lw.yaml"), null, null, "kwsc test");
        Assert.That(manifest.Source.Kind, Is.EqualTo(kind));
    }

    private static ModelManifest Export(string fixture, string config) =>
        ManifestExporter.Build(CheckpointReader.Read(FixturePaths.Of(fixture + ".pth")), M5ConfigReader.Read(FixturePaths.Of(config)),
            fixture.Contains("small", StringComparison.Ordinal) ? SmallLabels : null, null, "kwsc test");
}
