using Kws.Compiler.Checkpoints;
using Kws.Compiler.Quantization;
using Kws.Tests.Shared;

namespace Kws.Compiler.Tests.Quantization;

/// <summary>Folding the bundled FP32 checkpoint's BatchNorms gives the weights and biases PyTorch's fuse_modules gave, bit for bit.</summary>
public class ConvBatchNormFusionTests
{
    private static readonly string[] Layers = ["conv1", "conv2", "conv3", "conv4"];

    [TestCaseSource(nameof(Layers))]
    public void Folded_weights_and_biases_are_PyTorchs(string layer)
    {
        Checkpoint checkpoint = CheckpointReader.Read(RepositoryPaths.Model("cnn_fp32_model.pth"));
        string bn = "bn" + layer[^1];
        float[] Floats(string key) => checkpoint.Tensor(key).ToFloats();
        (float[] weights, float[] bias) = ConvBatchNormFusion.Fuse(
            Floats($"{layer}.weight"), Floats($"{layer}.bias"), Floats($"{bn}.running_mean"), Floats($"{bn}.running_var"),
            Floats($"{bn}.weight"), Floats($"{bn}.bias"));
        ObserverReference reference = ObserverReference.Instance;
        Assert.Multiple(() =>
        {
            Assert.That(Bits(weights), Is.EqualTo(Bits(reference.FoldedWeight(layer).Values)));
            Assert.That(Bits(bias), Is.EqualTo(Bits(reference.FoldedBias(layer).Values)));
        });
    }

    [Test]
    public void The_reference_folds_the_committed_checkpoint()
    {
        string sha = ObserverReference.Instance.Root.GetProperty("checkpointSha256").GetString()!;
        Assert.That(CheckpointReader.Read(RepositoryPaths.Model("cnn_fp32_model.pth")).Sha256, Is.EqualTo(sha));
    }

    [Test]
    public void Missing_conv_bias_and_affine_parameters_count_as_PyTorchs_defaults()
    {
        (float[] weights, float[] bias) = ConvBatchNormFusion.Fuse([2f, -4f], [], mean: [1f], variance: [3f], gamma: [], beta: [], eps: 1.0);
        Assert.Multiple(() =>
        {
            Assert.That(weights, Is.EqualTo(new[] { 1f, -2f }));
            Assert.That(bias, Is.EqualTo(new[] { -0.5f }));
        });
    }

    [Test]
    public void A_BatchNorm_that_does_not_fit_the_convolution_is_refused()
    {
        Assert.That(() => ConvBatchNormFusion.Fuse(new float[6], [], new float[4], new float[4], [], []), Throws.ArgumentException);
    }

    private static int[] Bits(float[] values) => [.. values.Select(BitConverter.SingleToInt32Bits)];
}
