using Kws.Compiler.Checkpoints;
using Kws.Compiler.Quantization;

namespace Kws.Compiler.Tests.Quantization;

/// <summary>
/// PyTorch's own x86 PTQ (prepare, calibrate, convert) on the reference batches stored the qparams of the C# observers
/// with the x86 qconfig: HistogramObserver quint8 reduce_range for activations, per-channel symmetric qint8 for weights.
/// </summary>
public class PtqFromSamplesTests
{
    private static readonly string[] Activations = ["quant", "conv1", "conv2", "conv3", "conv4", "fc1"];
    private static readonly string[] Layers = ["conv1", "conv2", "conv3", "conv4", "fc1"];
    private static readonly Lazy<Checkpoint> Ptq = new(() => CheckpointReader.Read(Path.Combine(ObserverReference.Folder, "ptq_from_samples.pth")));

    [TestCaseSource(nameof(Activations))]
    public void Activation_scale_and_zero_point_are_the_histogram_observers(string tensor)
    {
        var observer = new HistogramObserver(ObserverSettings.X86Activations);
        foreach ((float[] values, int[] shape) in ObserverReference.Instance.Calls(tensor))
        {
            observer.Observe(values, shape);
        }
        QuantizationParameters qparams = observer.CalculateParameters();
        Assert.Multiple(() =>
        {
            Assert.That(Ptq.Value.Tensor($"{tensor}.scale").ToFloats(), Is.EqualTo(new[] { qparams.Scale }));
            Assert.That(Ptq.Value.Tensor($"{tensor}.zero_point").ToDoubles(), Is.EqualTo(new double[] { qparams.ZeroPoint }));
        });
    }

    [TestCaseSource(nameof(Layers))]
    public void Weight_scales_are_the_per_channel_observers(string layer)
    {
        TorchTensor weight = layer == "fc1"
            ? (TorchTensor)((Pickle.PickleTuple)Ptq.Value["fc1._packed_params._packed_params"]!)[0]!
            : Ptq.Value.Tensor($"{layer}.weight");
        var observer = new PerChannelMinMaxObserver(ObserverSettings.SymmetricWeights);
        (float[] values, int[] shape) = ObserverReference.Instance.FoldedWeight(layer);
        observer.Observe(values, shape);
        QuantizationParameters qparams = observer.CalculateParameters();
        TensorQuantization stored = weight.Quantization!;
        Assert.Multiple(() =>
        {
            Assert.That(stored.Scheme, Is.EqualTo(QuantizationScheme.PerChannelSymmetric).Or.EqualTo(QuantizationScheme.PerChannelAffine));
            Assert.That(stored.Scales, Is.EqualTo(qparams.Scales.Select(s => (double)s)));
            Assert.That(stored.ZeroPoints, Is.EqualTo(qparams.ZeroPoints.Select(z => (double)z)));
        });
    }
}
