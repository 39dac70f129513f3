using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;
using Kws.Runtime.Quantization;
using Kws.Tests.Shared;

namespace Kws.Runtime.Tests.Kernels;

/// <summary>
/// The int8 kernels with qnnpack's constants, and the qnnpack average pool, against PyTorch 1.13 on engine qnnpack
/// (models/references/qnnpack_kernels.*, written by models/recipe/measure_qnnpack.py --write): 48 conv1d and 48 linear
/// problems, with and without ReLU, half on power-of-two scales and half-step biases (exact ties), and 240 average pools;
/// every output code identical, on the reference and on the vectorized kernels. Category Parity: CI repeats it on every
/// SIMD path.
/// </summary>
[Category("Parity")]
public class QnnpackKernelReferenceTests
{
    private sealed record KernelCase(
        string Op, bool Relu, int InChannels, int OutChannels, double InScale, int InZeroPoint, double WeightScale,
        double OutScale, int OutZeroPoint, int KernelSize, int Stride, int InputLength, int OutputLength,
        int Channels, int Length, double Scale, int ZeroPoint,
        long InputOffset, long WeightsOffset, long BiasOffset, long OutputOffset);

    private sealed record KernelReferences(string Torch, string Engine, List<KernelCase> Cases);

    private static readonly KernelReferences References =
        ReferenceFiles.ReadJson<KernelReferences>(Path.Combine(RepositoryPaths.References, "qnnpack_kernels.json"));

    private static readonly byte[] Blob = ReferenceFiles.ReadBytes(Path.Combine(RepositoryPaths.References, "qnnpack_kernels.bin.gz"));

    private static IEnumerable<KernelCase> Cases(string op) => References.Cases.Where(c => c.Op == op);

    [Test]
    public void TheReferencesAreQnnpacks()
    {
        Assert.That(References.Engine, Is.EqualTo("qnnpack"));
        Assert.That(Cases("conv1d").Count(), Is.EqualTo(48));
        Assert.That(Cases("linear").Count(), Is.EqualTo(48));
        Assert.That(Cases("avgpool1d").Count() + Cases("adaptiveavgpool1d").Count(), Is.EqualTo(240));
    }

    [Test]
    public void Conv1dCodesEqualPyTorchsOnBothKernels()
    {
        int values = 0;
        foreach (KernelCase c in Cases("conv1d"))
        {
            Conv1dLayer layer = Conv1dOf(c);
            RequantizationPlan plan = RequantizationPlan.For(layer, QuantizedEngine.Qnnpack);
            Conv1dShape shape = Conv1dShape.Of(layer);
            byte[] input = Input(c, c.InChannels * c.InputLength), expected = Expected(c, c.OutChannels * c.OutputLength);
            var reference = new byte[expected.Length];
            var vectorized = new byte[expected.Length];
            Conv1dInt8Kernel.RunReference(input, layer.Int8Weights, plan, shape, reference);
            Conv1dInt8Kernel.RunVectorized(input, layer.Int8Weights, plan, shape, vectorized,
                new byte[shape.WeightsPerChannel], new int[shape.OutChannels], new byte[shape.OutChannels]);
            Assert.That(reference, Is.EqualTo(expected), Describe(c));
            Assert.That(vectorized, Is.EqualTo(expected), Describe(c));
            values += expected.Length;
        }
        TestContext.Out.WriteLine($"conv1d: {values} codes identical to PyTorch {References.Torch} (qnnpack)");
    }

    [Test]
    public void LinearCodesEqualPyTorchsOnBothKernels()
    {
        int values = 0;
        foreach (KernelCase c in Cases("linear"))
        {
            LinearLayer layer = LinearOf(c);
            RequantizationPlan plan = RequantizationPlan.For(layer, QuantizedEngine.Qnnpack);
            byte[] input = Input(c, c.InChannels), expected = Expected(c, c.OutChannels);
            var reference = new byte[expected.Length];
            var vectorized = new byte[expected.Length];
            LinearInt8Kernel.RunReference(input, layer.Int8Weights, plan, c.OutChannels, reference);
            LinearInt8Kernel.RunVectorized(input, layer.Int8Weights, plan, c.OutChannels, vectorized, new int[c.OutChannels]);
            Assert.That(reference, Is.EqualTo(expected), Describe(c));
            Assert.That(vectorized, Is.EqualTo(expected), Describe(c));
            values += expected.Length;
        }
        TestContext.Out.WriteLine($"linear: {values} codes identical to PyTorch {References.Torch} (qnnpack)");
    }

    [Test]
    public void BothAveragePoolsEqualPyTorchsQnnpackRule()
    {
        int channels = 0;
        foreach (KernelCase c in Cases("avgpool1d").Concat(Cases("adaptiveavgpool1d")))
        {
            byte[] input = Input(c, c.Channels * c.Length), expected = Expected(c, c.Channels);
            var actual = new byte[c.Channels];
            QnnpackAveragePoolKernel.Run(input, c.Channels, c.ZeroPoint, QnnpackAveragePoolKernel.Factor(c.Scale, c.Length), actual);
            Assert.That(actual, Is.EqualTo(expected), $"{c.Op} [{c.Channels} x {c.Length}], scale {c.Scale:R}, zero point {c.ZeroPoint}");
            channels += c.Channels;
        }
        TestContext.Out.WriteLine($"average pools: {channels} channels identical to PyTorch {References.Torch} (qnnpack)");
    }

    [Test]
    public void OnednnArithmeticDiffersFromQnnpacksOnTheseReferences()
    {
        // Otherwise the references could not tell the engines apart and the tests above would prove nothing.
        int weighted = 0, pooled = 0;
        foreach (KernelCase c in Cases("conv1d"))
        {
            Conv1dLayer layer = Conv1dOf(c);
            var onednn = new byte[c.OutChannels * c.OutputLength];
            Conv1dInt8Kernel.RunReference(Input(c, c.InChannels * c.InputLength), layer.Int8Weights, RequantizationPlan.For(layer, QuantizedEngine.Onednn),
                Conv1dShape.Of(layer), onednn);
            weighted += onednn.Zip(Expected(c, onednn.Length)).Count(p => p.First != p.Second);
        }
        foreach (KernelCase c in Cases("avgpool1d"))
        {
            var onednn = new byte[c.Channels];
            GlobalAvgPool1dKernel.Run(Input(c, c.Channels * c.Length), c.Channels, c.ZeroPoint, onednn);
            pooled += onednn.Zip(Expected(c, c.Channels)).Count(p => p.First != p.Second);
        }
        TestContext.Out.WriteLine($"onednn's rule differs from PyTorch's qnnpack on {weighted} conv1d codes and {pooled} avg_pool1d codes");
        Assert.That(weighted, Is.GreaterThan(0));
        Assert.That(pooled, Is.GreaterThan(0));
    }

    private static Conv1dLayer Conv1dOf(KernelCase c) =>
        new("conv", c.InChannels, c.OutChannels, c.KernelSize, c.Stride, c.InputLength, c.OutputLength, c.Relu, Bias(c), null,
            Weights(c, c.OutChannels * c.InChannels * c.KernelSize), PerTensor(c), new ActivationQuantization(c.InScale, c.InZeroPoint),
            new ActivationQuantization(c.OutScale, c.OutZeroPoint));

    private static LinearLayer LinearOf(KernelCase c) =>
        new("linear", c.InChannels, c.OutChannels, c.Relu, Bias(c), null, Weights(c, c.OutChannels * c.InChannels), PerTensor(c),
            new ActivationQuantization(c.InScale, c.InZeroPoint), new ActivationQuantization(c.OutScale, c.OutZeroPoint));

    private static WeightQuantization PerTensor(KernelCase c) => new(false, 0, [c.WeightScale], [0]);

    private static byte[] Input(KernelCase c, int count) => ReferenceFiles.Slice(Blob, c.InputOffset, count, "input");

    private static byte[] Expected(KernelCase c, int count) => ReferenceFiles.Slice(Blob, c.OutputOffset, count, "output");

    private static sbyte[] Weights(KernelCase c, int count) =>
        Array.ConvertAll(ReferenceFiles.Slice(Blob, c.WeightsOffset, count, "weights"), b => unchecked((sbyte)b));

    private static float[] Bias(KernelCase c)
    {
        byte[] bytes = ReferenceFiles.Slice(Blob, c.BiasOffset, c.OutChannels * sizeof(float), "bias");
        var bias = new float[c.OutChannels];
        Buffer.BlockCopy(bytes, 0, bias, 0, bytes.Length);
        return bias;
    }

    private static string Describe(KernelCase c) =>
        $"{c.Op} {c.InChannels} -> {c.OutChannels}{(c.Relu ? " relu" : "")}, scales {c.InScale:R} / {c.WeightScale:R} / {c.OutScale:R}, zero points {c.InZeroPoint} / {c.OutZeroPoint}";
}
