using Kws.Compiler.Analysis;
using Kws.Compiler.Analysis.Collectors;
using Kws.Runtime.Interpretation;
using Kws.Runtime.Layers;
using Kws.Runtime.Quantization;

namespace Kws.Compiler.Tests.Analysis;

public sealed class ModelAnalyzerTests
{
    private static readonly string[] ComparedLayers =
        ["quant", "conv1", "pool1", "conv2", "pool2", "conv3", "pool3", "conv4", "pool4", "avgpool", "fc1", "output"];

    private static AnalysisResult? result;
    private static List<AnalysisClip> clips = [];

    [OneTimeSetUp]
    public static void AnalyseFixtures()
    {
        AnalysisModel fp32 = FixtureModels.Fp32;
        clips = FixtureModels.NoiseClips(12, fp32.Manifest.Labels);
        clips.Add(clips[0] with { File = "unlabelled.wav", Label = null });
        result = ModelAnalyzer.Run(fp32, [FixtureModels.Ptq, FixtureModels.Qat], clips, "noise");
    }

    [Test]
    public void Compares_every_quantized_tensor_and_the_output_in_model_order()
    {
        Assert.Multiple(() =>
        {
            Assert.That(result!.Comparisons.Select(c => c.Model), Is.EqualTo(new[] { "PTQ", "QAT" }));
            Assert.That(result.Comparisons.Select(c => c.Layers.Select(l => l.Layer)), Has.All.EqualTo(ComparedLayers));
            Assert.That(result.Comparisons[0].Layers[1].Metrics.Count, Is.EqualTo(13L * 8 * 496), "conv1: 8 channels x 496 steps x 13 clips");
        });
    }

    [Test]
    public void Input_error_is_the_quantize_kernels_rounding_of_the_raw_input()
    {
        AnalysisModel ptq = FixtureModels.Ptq;
        var quant = (QuantizeLayer)ptq.Manifest.Layers[0];
        var expected = new ErrorAccumulator();
        foreach (AnalysisClip clip in clips)
        {
            var codes = new byte[clip.Samples.Length];
            var values = new float[codes.Length];
            QuantizeKernel.RunReference(clip.Samples, Quantizer.InverseScale(quant.Output.Scale), quant.Output.ZeroPoint, codes);
            DequantizeKernel.Run(codes, (float)quant.Output.Scale, quant.Output.ZeroPoint, values);
            expected.Add(clip.Samples, values);
        }

        ErrorMetrics input = result!.Comparisons[0].Layers[0].Metrics;
        Assert.Multiple(() =>
        {
            Assert.That(input, Is.EqualTo(expected.ToMetrics()));
            Assert.That(input.Mae, Is.LessThanOrEqualTo(quant.Output.Scale / 2 + 1e-9), "rounding error is at most half a step inside the range");
        });
    }

    [Test]
    public void Accuracy_counts_labelled_clips_only_and_all_blocks_quantized_matches_the_int8_model()
    {
        Assert.Multiple(() =>
        {
            Assert.That(result!.Models.Select(m => m.Total), Has.All.EqualTo(12));
            Assert.That(result.Models.Select(m => m.Confusion.Sum(row => row.Sum())), Has.All.EqualTo(12));
            Assert.That(result.Inputs.LabelledClips, Is.EqualTo(12));
            for (int m = 0; m < 2; m++)
            {
                Assert.That(result.Sensitivity[m].AllBlocks.Correct, Is.EqualTo(result.Models[m + 1].Correct), result.Sensitivity[m].Model);
                Assert.That(result.Sensitivity[m].Fp32Accuracy, Is.EqualTo(result.Models[0].Accuracy));
            }
            Assert.That(result.Sensitivity[0].Blocks.Select(b => b.Block), Is.EqualTo(new[] { "conv1", "conv2", "conv3", "conv4", "fc1" }));
        });
    }

    [Test]
    public void Weight_statistics_describe_each_int8_layer()
    {
        LayerWeightStatistics conv3 = result!.Weights[0].Layers[2];
        var int8 = (Conv1dLayer)FixtureModels.Ptq.Manifest.Layers.Single(l => l.Name == "conv3");
        Assert.Multiple(() =>
        {
            Assert.That(result.Weights[0].Layers.Select(l => l.Layer), Is.EqualTo(new[] { "conv1", "conv2", "conv3", "conv4", "fc1" }));
            Assert.That(conv3.Int8Codes.Counts.Sum(), Is.EqualTo(int8.Int8Weights!.Length));
            Assert.That(conv3.ChannelScales, Is.EqualTo(int8.WeightQuantization!.Scales));
            Assert.That(conv3.ChannelRangeUse.Max(), Is.EqualTo(Math.Min(127, int8.Int8Weights.Max(c => Math.Abs((int)c))) / 127.0), "-128 counts as the full range");
        });
    }

    [Test]
    public void Activation_ranges_cover_every_value_seen()
    {
        ActivationRange conv1 = result!.Activations[0].Layers.Single(l => l.Layer == "conv1");
        var fp32 = new InterpretedModel(FixtureModels.Fp32.Manifest);
        float max = float.MinValue;
        foreach (AnalysisClip clip in clips)
        {
            max = Math.Max(max, fp32.InferTraced(clip.Samples, new float[35]).Single(o => o.Name == "conv1").Values.Max());
        }
        Assert.Multiple(() =>
        {
            Assert.That(conv1.SeenMax, Is.EqualTo(max));
            Assert.That(conv1.SeenMin, Is.Zero, "after ReLU");
            Assert.That(conv1.Fp32Values.Counts.Sum(), Is.EqualTo(13L * 8 * 496));
            Assert.That(conv1.ClippedShare, Is.InRange(0.0, 1.0));
        });
    }
}
