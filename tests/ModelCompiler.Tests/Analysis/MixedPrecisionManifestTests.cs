using Kws.Compiler.Analysis;
using Kws.Runtime.Interpretation;
using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;

namespace Kws.Compiler.Tests.Analysis;

public sealed class MixedPrecisionManifestTests
{
    private static readonly string[] AllBlocks = ["conv1", "conv2", "conv3", "conv4", "fc1"];

    [Test]
    public void Blocks_are_each_weighted_layer_with_the_pooling_after_it()
    {
        IReadOnlyList<ModelBlock> blocks = ModelBlock.Of(FixtureModels.Fp32.Manifest);

        Assert.Multiple(() =>
        {
            Assert.That(blocks.Select(b => b.Name), Is.EqualTo(AllBlocks));
            Assert.That(blocks[1].LayerNames, Is.EqualTo(new[] { "conv2", "pool2" }));
            Assert.That(blocks[3].LayerNames, Is.EqualTo(new[] { "conv4", "pool4", "avgpool" }));
            Assert.That(blocks[4].LayerNames, Is.EqualTo(new[] { "fc1" }));
        });
    }

    [Test]
    public void With_every_block_quantized_it_computes_exactly_what_the_int8_model_computes()
    {
        AnalysisModel fp32 = FixtureModels.Fp32, ptq = FixtureModels.Ptq;
        var mixed = new InterpretedModel(MixedPrecisionManifest.Build(fp32.Manifest, ptq.Manifest, AllBlocks));
        var int8 = new InterpretedModel(ptq.Manifest);

        foreach (AnalysisClip clip in FixtureModels.NoiseClips(4, fp32.Manifest.Labels))
        {
            float[] expected = new float[35], actual = new float[35];
            int8.Infer(clip.Samples, expected);
            mixed.Infer(clip.Samples, actual);
            Assert.That(actual, Is.EqualTo(expected), clip.File);
        }
    }

    [Test]
    public void With_no_block_quantized_it_is_the_fp32_model()
    {
        AnalysisModel fp32 = FixtureModels.Fp32;
        var mixed = new InterpretedModel(MixedPrecisionManifest.Build(fp32.Manifest, FixtureModels.Qat.Manifest, []));
        var reference = new InterpretedModel(fp32.Manifest);
        float[] samples = FixtureModels.NoiseClips(1, fp32.Manifest.Labels)[0].Samples;
        float[] expected = new float[35], actual = new float[35];

        reference.Infer(samples, expected);
        mixed.Infer(samples, actual);

        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public void One_block_is_wrapped_in_the_quantized_models_own_input_and_output_quantization()
    {
        AnalysisModel ptq = FixtureModels.Ptq;
        ModelManifest mixed = MixedPrecisionManifest.Build(FixtureModels.Fp32.Manifest, ptq.Manifest, ["conv2"]);

        var conv2 = (Conv1dLayer)ptq.Manifest.Layers.Single(l => l.Name == "conv2");
        Assert.Multiple(() =>
        {
            Assert.That(mixed.Layers.Select(l => l.Name), Is.EqualTo(new[]
            {
                "conv1", "pool1", "conv2_quant", "conv2", "pool2", "conv2_dequant", "conv3", "pool3", "conv4", "pool4", "avgpool", "fc1", "log_softmax",
            }));
            Assert.That(((QuantizeLayer)mixed.Layers[2]).Output, Is.EqualTo(conv2.Input));
            Assert.That(((DequantizeLayer)mixed.Layers[5]).Input, Is.EqualTo(conv2.Output));
            Assert.That(mixed.Layers[3], Is.SameAs(conv2), "the int8 layer itself, weights and all");
            Assert.That(() => ManifestValidator.Validate(mixed), Throws.Nothing);
        });
    }

    [Test]
    public void Refuses_an_unknown_block_and_a_quantized_model_of_another_shape()
    {
        AnalysisModel fp32 = FixtureModels.Fp32;
        AnalysisModel small = FixtureModels.Load("m5_small_ptq.pth", "small", "m5_small.yaml", ["a", "b", "c", "d", "e"]);

        Assert.Multiple(() =>
        {
            Assert.That(() => MixedPrecisionManifest.Build(fp32.Manifest, FixtureModels.Ptq.Manifest, ["conv9"]),
                Throws.TypeOf<AnalysisException>().With.Message.Contains("no block named conv9"));
            Assert.That(() => MixedPrecisionManifest.Build(fp32.Manifest, small.Manifest, ["conv1"]),
                Throws.TypeOf<AnalysisException>().With.Message.Contains("differs in shape"));
        });
    }
}
