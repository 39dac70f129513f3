using System.Text.Json;
using Kws.Compiler.Checkpoints;
using Kws.Compiler.Configuration;
using Kws.Compiler.Export;
using Kws.Compiler.Tests.Support;
using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;

namespace Kws.Compiler.Tests;

/// <summary>Recognising the M5 and exporting its manifest: folding, quantization chain, shapes, round trip, config checks.</summary>
public sealed class ExportTests
{
    private static readonly string[] FiveLabels = ["a", "b", "c", "d", "e"];

    private static ModelManifest Export(string checkpoint, string config, IReadOnlyList<string>? labels = null, string? name = null) =>
        ManifestExporter.Build(CheckpointReader.Read(FixturePaths.Of(checkpoint)), M5ConfigReader.Read(FixturePaths.Of(config)), labels, name, "kwsc test");

    private static IEnumerable<TestCaseData> Models =>
        FixturePaths.M5Checkpoints.Select(c => new TestCaseData(c.Checkpoint, c.Config));

    [TestCaseSource(nameof(Models))]
    public void Exported_manifest_round_trips_through_the_runtime_reader(string checkpoint, string config)
    {
        ModelManifest manifest = Export(checkpoint, config, checkpoint.Contains("small", StringComparison.Ordinal) ? FiveLabels : null);
        string text = ManifestWriter.Write(manifest);
        ModelManifest read = ManifestReader.Read(text);
        Assert.That(ManifestWriter.Write(read), Is.EqualTo(text));
        Assert.That(read.ContentHash, Is.EqualTo(manifest.ContentHash));
    }

    [TestCase("m5_fp32.pth", "m5.yaml", "m5_fp32.folded.json")]
    [TestCase("m5_small_fp32.pth", "m5_small.yaml", "m5_small_fp32.folded.json")]
    public void Fp32_batchnorm_folding_matches_torch_fuse_conv_bn_eval(string checkpoint, string config, string folded)
    {
        ModelManifest manifest = Export(checkpoint, config, checkpoint.Contains("small", StringComparison.Ordinal) ? FiveLabels : null);
        var expected = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, double[]>>>(File.ReadAllText(FixturePaths.Of(folded)))!;
        foreach (var (name, tensors) in expected)
        {
            var conv = manifest.Layers.OfType<Conv1dLayer>().Single(l => l.Name == name);
            // kwsc folds in double, torch in float32: they agree to float32 rounding.
            Assert.That(MaxDifference(conv.FloatWeights!, tensors["weight"]), Is.LessThan(1e-6), name);
            Assert.That(MaxDifference(conv.Bias, tensors["bias"]), Is.LessThan(1e-6), name);
        }
        Assert.That(manifest.Layers.Select(l => l.Op), Has.None.EqualTo("quantize").And.None.EqualTo("dequantize"));
    }

    private static double MaxDifference(float[] actual, double[] expected)
    {
        Assert.That(actual, Has.Length.EqualTo(expected.Length));
        return actual.Zip(expected, (a, e) => Math.Abs(a - e)).Max();
    }

    [Test]
    public void Int8_manifest_follows_the_quantization_chain_of_the_checkpoint()
    {
        Checkpoint checkpoint = CheckpointReader.Read(FixturePaths.Of("m5_ptq.pth"));
        ModelManifest manifest = ManifestExporter.Build(checkpoint, M5ConfigReader.Read(FixturePaths.Of("m5.yaml")), null, null, "kwsc test");

        Assert.That(manifest.Layers.Select(l => l.Name), Is.EqualTo(new[]
        {
            "quant", "conv1", "pool1", "conv2", "pool2", "conv3", "pool3", "conv4", "pool4", "avgpool", "fc1", "dequant", "log_softmax",
        }));
        ActivationQuantization Stored(string module) => new(
            checkpoint.Tensor(module + ".scale").ToDoubles()[0], (int)checkpoint.Tensor(module + ".zero_point").ToDoubles()[0]);
        var quant = (QuantizeLayer)manifest.Layers[0];
        Assert.That(quant.Output, Is.EqualTo(Stored("quant")));
        ActivationQuantization previous = quant.Output;
        foreach (var conv in manifest.Layers.OfType<Conv1dLayer>())
        {
            Assert.That(conv.Input, Is.EqualTo(previous), conv.Name);
            Assert.That(conv.Output, Is.EqualTo(Stored(conv.Name)), conv.Name);
            Assert.That(conv.Relu, Is.True);
            Assert.That(conv.Int8Weights, Is.EqualTo(checkpoint.Tensor(conv.Name + ".weight").ToSBytes()));
            Assert.That(conv.WeightQuantization!.Scales, Is.EqualTo(checkpoint.Tensor(conv.Name + ".weight").Quantization!.Scales));
            previous = conv.Output!;
        }
        var avg = manifest.Layers.OfType<GlobalAvgPool1dLayer>().Single();
        var fc = manifest.Layers.OfType<LinearLayer>().Single();
        Assert.That(avg.Quantization, Is.EqualTo(previous));
        Assert.That(fc.Input, Is.EqualTo(previous));
        Assert.That(fc.Relu, Is.False);
        Assert.That(fc.Output, Is.EqualTo(Stored("fc1")));
        Assert.That(((DequantizeLayer)manifest.Layers[^2]).Input, Is.EqualTo(fc.Output));
    }

    [Test]
    public void Shapes_follow_the_config_stride_kernels_and_input_length()
    {
        ModelManifest manifest = Export("m5_small_ptq.pth", "m5_small.yaml", FiveLabels);
        var convs = manifest.Layers.OfType<Conv1dLayer>().ToArray();
        // input 4000, conv1 kernel 40 stride 8 -> 496, pool -> 124; kernel 5 -> 120, pool 30; kernel 3 -> 28, pool 7; kernel 3 -> 5, pool 1
        Assert.That(convs.Select(c => c.OutputLength), Is.EqualTo(new[] { 496, 120, 28, 5 }));
        Assert.That(convs.Select(c => c.OutChannels), Is.EqualTo(new[] { 6, 6, 12, 12 }));
        Assert.That(convs.Select(c => c.KernelSize), Is.EqualTo(new[] { 40, 5, 3, 3 }));
        Assert.That(convs.Select(c => c.Stride), Is.EqualTo(new[] { 8, 1, 1, 1 }));
        Assert.That(manifest.InputLength, Is.EqualTo(4000));
        Assert.That(manifest.SampleRate, Is.EqualTo(8000));
        Assert.That(manifest.Labels, Is.EqualTo(FiveLabels));
    }

    [Test]
    public void Per_tensor_weights_export_as_per_tensor_affine()
    {
        ModelManifest manifest = Export("m5_per_tensor_ptq.pth", "m5.yaml");
        Assert.That(manifest.Layers.OfType<WeightedLayerSpec>().Select(l => l.WeightQuantization!.PerChannel), Is.All.False);
    }

    [Test]
    public void Defaults_are_the_speech_commands_labels_and_the_pascal_case_file_name()
    {
        ModelManifest manifest = Export("m5_qat.pth", "m5.yaml");
        Assert.That(manifest.Labels, Has.Count.EqualTo(35));
        Assert.That(manifest.Labels, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
        Assert.That(manifest.Labels, Does.Contain("sheila").And.Contain("backward"));
        Assert.That(manifest.Name, Is.EqualTo("M5Qat"));
        Assert.That(manifest.Source.Kind, Is.EqualTo("qat"));
        Assert.That(manifest.Compiler, Is.EqualTo("kwsc test"));
    }

    [TestCase("cnn_ptq_model", "CnnPtqModel")]
    [TestCase("cnn_fp32_model", "CnnFp32Model")]
    [TestCase("my-model.v2", "MyModelV2")]
    public void Pascal_case_names(string stem, string expected) =>
        Assert.That(ManifestExporter.PascalCase(stem), Is.EqualTo(expected));

    [TestCase("cnn_fp32_model.pth", ModelPrecision.Float32, "fp32")]
    [TestCase("cnn_ptq_model.pth", ModelPrecision.Int8, "ptq")]
    [TestCase("cnn_QAT_model.pth", ModelPrecision.Int8, "qat")]
    [TestCase("quantized.pth", ModelPrecision.Int8, "int8")]
    public void Source_kind_comes_from_precision_and_file_name(string file, ModelPrecision precision, string expected) =>
        Assert.That(ManifestExporter.SourceKind(file, precision), Is.EqualTo(expected));

    [Test]
    public void Non_35_class_models_need_labels()
    {
        var e = Assert.Throws<CheckpointException>(() => Export("m5_small_ptq.pth", "m5_small.yaml"))!;
        Assert.That(e.Message, Does.Contain("5 classes").And.Contain("--labels"));
    }

    [Test]
    public void A_label_count_that_differs_from_the_classes_is_an_error()
    {
        var e = Assert.Throws<CheckpointException>(() => Export("m5_small_ptq.pth", "m5_small.yaml", ["a", "b"]))!;
        Assert.That(e.Message, Is.EqualTo("the labels file has 2 labels but the model has 5 classes"));
    }

    [TestCase("n_channel: 8", "n_channel: 32", "model.base_cnn.n_channel is 32 but the checkpoint's weights say 8")]
    [TestCase("n_output: 35", "n_output: 12", "model.base_cnn.n_output is 12 but the checkpoint's weights say 35")]
    [TestCase("n_input: 1", "n_input: 2", "model.base_cnn.n_input is 2 but the checkpoint's weights say 1")]
    [TestCase("[80, 3, 3, 3]", "[80, 3, 5, 3]", "model.base_cnn.conv_kernel_sizes[2] is 5 but the checkpoint's weights say 3")]
    [TestCase("[80, 3, 3, 3]", "[80, 3, 3]", "conv_kernel_sizes has 3 entries but the checkpoint has 4 convolutions")]
    [TestCase("input_length: 8000", "input_length: 300", "data.input_length 300 is too short for this model")]
    public void Config_disagreeing_with_the_weights_names_the_key_and_both_values(string original, string replacement, string expected)
    {
        string yaml = File.ReadAllText(FixturePaths.Of("m5.yaml")).Replace(original, replacement, StringComparison.Ordinal);
        M5Config config = M5ConfigReader.Parse(yaml, "bad.yaml");
        var e = Assert.Throws<CheckpointException>(() =>
            ManifestExporter.Build(CheckpointReader.Read(FixturePaths.Of("m5_ptq.pth")), config, null, null, "kwsc test"))!;
        Assert.That(e.Message, Does.StartWith("bad.yaml: ").And.Contain(expected));
    }

    [Test]
    public void A_checkpoint_that_is_not_an_M5_is_refused()
    {
        var e = Assert.Throws<CheckpointException>(() => Export("views.pth", "m5.yaml"))!;
        Assert.That(e.Message, Does.Contain("no conv1.weight tensor, so it is not an M5 state_dict"));
    }
}
