using Kws.Compiler.Checkpoints;
using Kws.Compiler.Configuration;
using Kws.Compiler.Tests.Support;

namespace Kws.Compiler.Tests;

/// <summary>The seed-style YAML config: keys read, defaults, and one clear error per bad config.</summary>
public sealed class ConfigReaderTests
{
    [Test]
    public void Reads_the_seed_keys_and_the_input_format()
    {
        M5Config config = M5ConfigReader.Read(FixturePaths.Of("m5_small.yaml"));
        Assert.That(config, Is.EqualTo(config with { NInput = 1, NOutput = 5, Stride = 8, NChannel = 6, SampleRate = 8000, InputLength = 4000 }));
        Assert.That(config.ConvKernelSizes, Is.EqualTo(new[] { 40, 5, 3, 3 }));
    }

    [Test]
    public void Reads_the_seed_model_type_and_the_layer_wise_blocks()
    {
        M5Config config = M5ConfigReader.Read(FixturePaths.Of("layerwise.yaml"));
        Assert.That(config.ModelType?.Name, Is.EqualTo("cnn_ptq_LayerWiseQuant"));
        Assert.That(config.QuantizedBlocks, Is.EqualTo(new[] { 1, 2, 3, 4 }));
        Assert.That(M5ConfigReader.Read(FixturePaths.Of("m5.yaml")).ModelType, Is.Null);
    }

    [Test]
    public void Input_format_defaults_to_8000_samples_at_8000_Hz()
    {
        M5Config config = M5ConfigReader.Parse("model:\n  base_cnn: {n_input: 1, n_output: 35, stride: 16, n_channel: 32, conv_kernel_sizes: [80, 3, 3, 3]}\n", "c.yaml");
        Assert.That((config.SampleRate, config.InputLength), Is.EqualTo((8000, 8000)));
    }

    [TestCase("", "the config is not a YAML mapping")]
    [TestCase("model: [1, 2", "not valid YAML")]
    [TestCase("data: {}\n", "model is missing or not a mapping")]
    [TestCase("model:\n  base_cnn: {n_input: 1}\n", "model.base_cnn.conv_kernel_sizes is missing or not a list")]
    [TestCase("model:\n  base_cnn: {n_input: 1, conv_kernel_sizes: [3]}\n", "model.base_cnn.n_output is missing")]
    [TestCase("model:\n  base_cnn: {n_input: -1, n_output: 2, stride: 1, n_channel: 1, conv_kernel_sizes: [3]}\n", "model.base_cnn.n_input must be a positive integer, found \"-1\"")]
    [TestCase("model:\n  base_cnn: {n_input: 1, n_output: 2, stride: 1, n_channel: 1, conv_kernel_sizes: [x]}\n", "conv_kernel_sizes[0] must be a positive integer")]
    [TestCase("data: {input_length: many}\nmodel:\n  base_cnn: {n_input: 1, n_output: 2, stride: 1, n_channel: 1, conv_kernel_sizes: [3]}\n", "data.input_length must be a positive integer")]
    [TestCase("model_type: cnn_transformer\nmodel:\n  base_cnn: {n_input: 1, n_output: 2, stride: 1, n_channel: 1, conv_kernel_sizes: [3]}\n",
        "model_type \"cnn_transformer\" is not one of the seed's (cnn_fp32, cnn_ptq_static, cnn_qat, cnn_ptq_LayerWiseQuant, cnn_qat_LayerWiseQuant)")]
    [TestCase("model:\n  quantization: 2\n  base_cnn: {n_input: 1, n_output: 2, stride: 1, n_channel: 1, conv_kernel_sizes: [3]}\n",
        "model.quantization must be a list of block numbers such as [1, 2, 3, 4]")]
    [TestCase("model:\n  quantization: [1, zero]\n  base_cnn: {n_input: 1, n_output: 2, stride: 1, n_channel: 1, conv_kernel_sizes: [3]}\n",
        "model.quantization[1] must be a positive integer")]
    public void Bad_configs_name_the_problem(string yaml, string expected)
    {
        var e = Assert.Throws<CheckpointException>(() => M5ConfigReader.Parse(yaml, "c.yaml"))!;
        Assert.That(e.Message, Does.StartWith("c.yaml: ").And.Contain(expected));
    }
}
