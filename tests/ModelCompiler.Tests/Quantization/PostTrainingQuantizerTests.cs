using Kws.Compiler.Analysis;
using Kws.Compiler.Checkpoints;
using Kws.Compiler.Configuration;
using Kws.Compiler.Quantization;
using Kws.Compiler.Quantization.Calibration;
using Kws.Compiler.Quantization.Conversion;
using Kws.Compiler.Quantization.Evaluation;
using Kws.Compiler.Quantization.Ranges;
using Kws.Compiler.Tests.Support;
using Kws.Runtime.Interpretation;
using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;
using Kws.Tests.Shared;

namespace Kws.Compiler.Tests.Quantization;

/// <summary>
/// The quantizer on a model of another size than the bundled one (the small fixture: 6 channels, stride 8, kernels
/// 40/5/3/3, 5 classes, 4000 samples), and the pieces it is made of.
/// </summary>
public class PostTrainingQuantizerTests
{
    private static readonly string[] FixtureLabels = ["down", "left", "no", "up", "yes"];
    private static readonly Lazy<(ModelManifest Fp32, IReadOnlyList<AnalysisClip> Clips)> Small = new(() =>
    {
        Checkpoint checkpoint = CheckpointReader.Read(FixturePaths.Of("m5_small_fp32.pth"));
        ModelManifest fp32 = FloatModel.FromCheckpoint(checkpoint, M5ConfigReader.Read(FixturePaths.Of("m5_small.yaml")), FixtureLabels, "Small", "kwsc test");
        return (fp32, ClipLoader.Load(Path.Combine(RepositoryPaths.Samples, "clips"), fp32));
    });

    private static ModelManifest Fp32 => Small.Value.Fp32;

    private static SourceCheckpoint Source => new("m5_small_fp32.pth", "0", "ptq");

    [Test]
    public void The_float_model_is_folded_as_fuse_modules_does()
    {
        Checkpoint checkpoint = CheckpointReader.Read(FixturePaths.Of("m5_small_fp32.pth"));
        var conv2 = (Conv1dLayer)Fp32.Layers.Single(l => l.Name == "conv2");
        float[] F(string key) => checkpoint.Tensor(key).ToFloats();
        (float[] weights, float[] bias) = ConvBatchNormFusion.Fuse(F("conv2.weight"), F("conv2.bias"), F("bn2.running_mean"), F("bn2.running_var"), F("bn2.weight"), F("bn2.bias"));
        Assert.Multiple(() =>
        {
            Assert.That(conv2.FloatWeights, Is.EqualTo(weights));
            Assert.That(conv2.Bias, Is.EqualTo(bias));
        });
    }

    [Test]
    public void An_int8_checkpoint_is_refused_as_the_float_model()
    {
        var e = Assert.Throws<CheckpointException>(() => FloatModel.FromCheckpoint(CheckpointReader.Read(FixturePaths.Of("m5_small_ptq.pth")),
            M5ConfigReader.Read(FixturePaths.Of("m5_small.yaml")), FixtureLabels, "Small", "kwsc test"));
        Assert.That(e!.Message, Does.Contain("already quantized").And.Contain("FP32"));
    }

    [Test]
    public void A_model_of_another_size_quantizes_into_the_layout_convert_makes_and_runs()
    {
        CalibrationStatistics statistics = Calibrator.Run(Fp32, Small.Value.Clips, batchSize: 32);
        QuantizedModel model = new PostTrainingQuantizer(Fp32, statistics).Quantize(QuantizationRecipe.X86Default, "SmallInt8", Source);
        ModelManifest m = model.Manifest;
        Assert.Multiple(() =>
        {
            Assert.That(m.Precision, Is.EqualTo(ModelPrecision.Int8));
            Assert.That(m.Layers.Select(l => l.Name), Is.EqualTo(new[]
            {
                "quant", "conv1", "pool1", "conv2", "pool2", "conv3", "pool3", "conv4", "pool4", "avgpool", "fc1", "dequant", "log_softmax",
            }));
            Assert.That(m.Layers.OfType<Conv1dLayer>().Select(c => (c.OutChannels, c.KernelSize, c.Stride)),
                Is.EqualTo(new[] { (6, 40, 8), (6, 5, 1), (12, 3, 1), (12, 3, 1) }));
            Assert.That(m.Labels, Is.EqualTo(FixtureLabels));
            Assert.That(statistics.Tensors.Select(t => t.Name), Is.EqualTo(new[] { "quant", "conv1", "conv2", "conv3", "conv4", "fc1" }));
            Assert.That(model.Warnings, Is.Empty);
        });
        ModelEvaluation evaluation = new ModelEvaluator(Fp32, Small.Value.Clips).Evaluate([m])[0];
        Assert.Multiple(() =>
        {
            Assert.That(evaluation.Labelled, Is.EqualTo(4 * FixtureLabels.Length));
            Assert.That(evaluation.Layers.Select(l => l.Layer), Is.EqualTo(new[] { "quant", "conv1", "conv2", "conv3", "conv4", "fc1" }));
            Assert.That(evaluation.Layers.Select(l => l.Db), Has.All.GreaterThan(15), "every tensor close to the float model's");
        });
    }

    [Test]
    public void Only_the_chosen_blocks_are_int8_in_a_mixed_model()
    {
        CalibrationStatistics statistics = Calibrator.Run(Fp32, Small.Value.Clips, batchSize: 32, histograms: false);
        ModelManifest m = new PostTrainingQuantizer(Fp32, statistics).Quantize(QuantizationRecipe.X86Default, "Mixed", Source, ["conv2", "fc1"]).Manifest;
        Assert.Multiple(() =>
        {
            Assert.That(m.Precision, Is.EqualTo(ModelPrecision.Mixed));
            Assert.That(m.Layers.OfType<WeightedLayerSpec>().Where(l => l.IsQuantized).Select(l => l.Name), Is.EqualTo(new[] { "conv2", "fc1" }));
            Assert.That(m.Layers.OfType<QuantizeLayer>().Select(l => l.Name), Is.EqualTo(new[] { "conv2_quant", "fc1_quant" }));
        });
        Assert.DoesNotThrow(() => new InterpretedModel(m).Infer(Small.Value.Clips[0].Samples, new float[FixtureLabels.Length]));
    }

    [Test]
    public void Calibration_and_evaluation_do_not_depend_on_the_number_of_cores()
    {
        IReadOnlyList<AnalysisClip> clips = [.. Small.Value.Clips.Take(48)];
        CalibrationStatistics one = Calibrator.Run(Fp32, clips, batchSize: 16, workers: 1);
        CalibrationStatistics three = Calibrator.Run(Fp32, clips, batchSize: 16, workers: 3);
        var recipes = new[] { ActivationMethod.Histogram, ActivationMethod.MovingAverage, ActivationMethod.Mse }
            .Select(m => new QuantizationRecipe(new ActivationRecipe(m, ObserverSettings.X86Activations), WeightRecipe.X86Default, BiasCorrection: true));
        foreach (QuantizationRecipe recipe in recipes)
        {
            ModelManifest a = new PostTrainingQuantizer(Fp32, one).Quantize(recipe, "A", Source).Manifest;
            ModelManifest b = new PostTrainingQuantizer(Fp32, three).Quantize(recipe, "A", Source).Manifest;
            Assert.That(ManifestWriter.Write(a), Is.EqualTo(ManifestWriter.Write(b)), recipe.Name);
        }
        ModelManifest model = new PostTrainingQuantizer(Fp32, one).Quantize(QuantizationRecipe.X86Default, "A", Source).Manifest;
        ModelEvaluation single = new ModelEvaluator(Fp32, clips, workers: 1).Evaluate([model])[0];
        ModelEvaluation several = new ModelEvaluator(Fp32, clips, workers: 3).Evaluate([model])[0];
        Assert.That(several, Is.EqualTo(single).Using<ModelEvaluation>((x, y) =>
            x.Correct == y.Correct && x.MeanDivergence == y.MeanDivergence && x.Layers.SequenceEqual(y.Layers)));
    }

    [Test]
    public void Bias_correction_removes_the_mean_shift_of_the_rounded_weights()
    {
        // One input channel, two output channels, two taps, stride 1 over [1, 2, 3, 4]: input means 2 (tap 0) and 3 (tap 1).
        var conv = new Conv1dLayer("c", 1, 2, 2, 1, 4, 3, relu: true, bias: [0.5f, -1f], floatWeights: [0.30f, -0.52f, 1.04f, 0.2f],
            int8Weights: null, weightQuantization: null, input: null, output: null);
        LayerInputMean mean = LayerInputMean.For(conv, TensorSpec.FloatInput(4))!;
        mean.Add(mean.ClipSums([1f, 2f, 3f, 4f]));
        var q = new QuantizationParameters(QuantizationScheme.PerChannelSymmetric, QuantizedType.QInt8, new(-128, 127), [0.1f, 0.25f], [0, 0]);
        sbyte[] codes = Kws.Compiler.Quantization.Conversion.WeightQuantizer.Quantize(conv.FloatWeights, q);
        float[] corrected = BiasCorrection.Correct(conv.FloatWeights, codes, q, conv.Bias, mean);
        Assert.Multiple(() =>
        {
            Assert.That(codes, Is.EqualTo(new sbyte[] { 3, -5, 4, 1 }));
            // channel 0: (0.3 - 0.30) * 2 + (-0.5 + 0.52) * 3 = 0.06; channel 1: (1.0 - 1.04) * 2 + (0.25 - 0.2) * 3 = 0.07
            Assert.That(corrected[0], Is.EqualTo(0.5f - 0.06f).Within(1e-6));
            Assert.That(corrected[1], Is.EqualTo(-1f - 0.07f).Within(1e-6));
        });
    }

    [Test]
    public void Weights_round_half_to_even_and_saturate_at_the_int8_limits()
    {
        var q = new QuantizationParameters(QuantizationScheme.PerTensorSymmetric, QuantizedType.QInt8, new(-128, 127), [0.5f], [0]);
        Assert.That(Kws.Compiler.Quantization.Conversion.WeightQuantizer.Quantize([0.25f, 0.75f, -0.25f, 100f, -100f], q),
            Is.EqualTo(new sbyte[] { 0, 2, 0, 127, -128 }));
    }

    [Test]
    public void Mse_weights_are_never_further_from_the_float_weights_than_minmax_weights()
    {
        var conv = (Conv1dLayer)Fp32.Layers.Single(l => l.Name == "conv3");
        foreach (bool perChannel in new[] { true, false })
        {
            QuantizationParameters minmax = new WeightRecipe(perChannel, true).Choose(conv.FloatWeights!, conv.OutChannels);
            QuantizationParameters mse = new WeightRecipe(perChannel, true, WeightRange.Mse).Choose(conv.FloatWeights!, conv.OutChannels);
            Assert.That(Error(conv.FloatWeights!, mse), Is.LessThanOrEqualTo(Error(conv.FloatWeights!, minmax)), perChannel ? "per channel" : "per tensor");
        }

        static double Error(float[] w, QuantizationParameters q)
        {
            sbyte[] codes = Kws.Compiler.Quantization.Conversion.WeightQuantizer.Quantize(w, q);
            int per = w.Length / q.Scales.Length;
            return w.Select((v, j) => Math.Pow(v - q.Scales[j / per] * (codes[j] - q.ZeroPoints[j / per]), 2)).Sum();
        }
    }

    [Test]
    public void Recipes_the_engines_or_pytorch_refuse_say_why()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new WeightRecipe(PerChannel: true, Symmetric: false).Problem, Does.Contain("zero point"));
            Assert.That(new WeightRecipe(PerChannel: true, Symmetric: true, WeightRange.Histogram).Problem, Does.Contain("per_tensor"));
            Assert.That(new ActivationRecipe(ActivationMethod.MinMax, new ObserverSettings(QuantizedType.QUInt8, true, true)).Problem, Does.Contain("reduce_range"));
            Assert.That(new ActivationRecipe(ActivationMethod.Mse, ObserverSettings.SymmetricWeights).Problem, Does.Contain("quint8"));
            Assert.That(QuantizationRecipe.X86Default.Problem, Is.Null);
        });
    }
}
