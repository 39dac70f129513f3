using Kws.Compiler.Quantization;

namespace Kws.Compiler.Tests.Quantization;

/// <summary>
/// Degenerate calibration data. Where PyTorch 1.13 computes qparams the C# observers give the same (expected values below
/// were printed by PyTorch 1.13 for the same inputs); where PyTorch would compute NaN or infinite scales, or nothing was
/// observed, they refuse with a <see cref="CalibrationException"/> instead of a broken quantizer.
/// </summary>
public class ObserverEdgeCaseTests
{
    private static readonly ObserverSettings Affine = new(QuantizedType.QUInt8, Symmetric: false);
    private static readonly ObserverSettings Symmetric = new(QuantizedType.QUInt8, Symmetric: true);

    private static IEnumerable<Func<IObserver>> AllObservers() =>
    [
        () => new MinMaxObserver(Affine),
        () => new MovingAverageMinMaxObserver(Affine),
        () => new PerChannelMinMaxObserver(ObserverSettings.SymmetricWeights),
        () => new MovingAveragePerChannelMinMaxObserver(ObserverSettings.SymmetricWeights),
        () => new HistogramObserver(ObserverSettings.X86Activations),
    ];

    public static IEnumerable<TestCaseData> PyTorchCases()
    {
        float[] constant = [.. Enumerable.Repeat(0.75f, 40)];
        float[] zeros = new float[15];
        float[] negative = [.. Enumerable.Repeat(-3f, 7)];
        float[] single = [-0.5f, 0.25f, 2f];
        (string Name, float[] Values)[] inputs = [("constant 0.75", constant), ("all zero", zeros), ("constant -3", negative), ("one batch", single)];
        (float Scale, int ZeroPoint)[][] expected =
        [
            // MinMax affine, MinMax symmetric, Histogram affine reduce_range, Histogram symmetric (all quint8)
            [(0.0029411765281111f, 0), (0.0058823530562222f, 128), (0.005905511789023876f, 0), (0.0058823530562222f, 128)],
            [(1.1920928955078125e-07f, 0), (1.1920928955078125e-07f, 128), (1.1920928955078125e-07f, 0), (1.1920928955078125e-07f, 128)],
            [(0.0117647061124444f, 255), (0.0235294122248888f, 128), (0.023622047156095505f, 127), (0.0235294122248888f, 128)],
            [(0.009803921915590763f, 51), (0.01568627543747425f, 128), (0.01722440868616104f, 11), (0.01568627543747425f, 128)],
        ];
        Func<IObserver>[] observers =
        [
            () => new MinMaxObserver(Affine),
            () => new MinMaxObserver(Symmetric),
            () => new HistogramObserver(Affine with { ReduceRange = true }),
            () => new HistogramObserver(Symmetric),
        ];
        string[] names = ["MinMax affine", "MinMax symmetric", "Histogram affine reduce_range", "Histogram symmetric"];
        for (int i = 0; i < inputs.Length; i++)
        {
            for (int o = 0; o < observers.Length; o++)
            {
                yield return new TestCaseData(observers[o], inputs[i].Values, expected[i][o].Scale, expected[i][o].ZeroPoint)
                    .SetName($"{names[o]} on {inputs[i].Name} gives PyTorch's qparams");
            }
        }
    }

    [TestCaseSource(nameof(PyTorchCases))]
    public void Degenerate_ranges_give_PyTorchs_qparams(Func<IObserver> create, float[] values, float scale, int zeroPoint)
    {
        foreach (int repeat in new[] { 1, 2 })
        {
            IObserver observer = create();
            for (int r = 0; r < repeat; r++)
            {
                observer.Observe(values, [values.Length]);
            }
            QuantizationParameters qparams = observer.CalculateParameters();
            Assert.That((qparams.Scale, qparams.ZeroPoint), Is.EqualTo((scale, zeroPoint)), $"after {repeat} batch(es)");
        }
    }

    [Test]
    public void Per_channel_zero_range_channels_get_PyTorchs_epsilon_scale()
    {
        var symmetric = new PerChannelMinMaxObserver(ObserverSettings.SymmetricWeights);
        var affine = new PerChannelMinMaxObserver(new ObserverSettings(QuantizedType.QInt8, Symmetric: false));
        float[] weights = [0f, 0f, 1f, -2f];
        symmetric.Observe(weights, [2, 2]);
        affine.Observe(weights, [2, 2]);
        Assert.Multiple(() =>
        {
            Assert.That(symmetric.CalculateParameters().Scales, Is.EqualTo(new[] { QuantizationParameterMath.Epsilon, 0.01568627543747425f }));
            Assert.That(symmetric.CalculateParameters().ZeroPoints, Is.EqualTo(new[] { 0, 0 }));
            Assert.That(affine.CalculateParameters().Scales, Is.EqualTo(new[] { QuantizationParameterMath.Epsilon, 0.0117647061124444f }));
            Assert.That(affine.CalculateParameters().ZeroPoints, Is.EqualTo(new[] { -128, 42 }));
        });
    }

    [TestCaseSource(nameof(AllObservers))]
    public void NaN_and_infinity_are_refused(Func<IObserver> create)
    {
        foreach (float bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
        {
            IObserver observer = create();
            Assert.That(() => observer.Observe([0.5f, bad, -1f, 2f], [2, 2]),
                Throws.TypeOf<CalibrationException>().With.Message.Contains("finite"), $"{bad}");
        }
    }

    [TestCaseSource(nameof(AllObservers))]
    public void Nothing_observed_is_refused(Func<IObserver> create)
    {
        IObserver observer = create();
        observer.Observe([], [0, 3]);
        Assert.That(() => observer.CalculateParameters(), Throws.TypeOf<CalibrationException>().With.Message.Contains("no values"));
    }

    [TestCaseSource(nameof(AllObservers))]
    public void Empty_batches_are_ignored_as_PyTorch_ignores_them(Func<IObserver> create)
    {
        float[] batch = [0.5f, -1.25f, 3f, 0.125f, 2f, -0.75f];
        IObserver withEmpty = create();
        IObserver without = create();
        withEmpty.Observe([], [0, 3]);
        withEmpty.Observe(batch, [2, 3]);
        withEmpty.Observe([], [0]);
        without.Observe(batch, [2, 3]);
        Assert.Multiple(() =>
        {
            Assert.That(withEmpty.CalculateParameters().Scales, Is.EqualTo(without.CalculateParameters().Scales));
            Assert.That(withEmpty.CalculateParameters().ZeroPoints, Is.EqualTo(without.CalculateParameters().ZeroPoints));
        });
    }

    [TestCaseSource(nameof(AllObservers))]
    public void A_shape_that_does_not_describe_the_values_is_refused(Func<IObserver> create)
    {
        Assert.That(() => create().Observe([1f, 2f, 3f], [2, 2]), Throws.ArgumentException);
    }

    [Test]
    public void A_per_channel_observer_refuses_a_change_of_channel_count()
    {
        var observer = new PerChannelMinMaxObserver(ObserverSettings.SymmetricWeights);
        observer.Observe([1f, 2f, 3f, 4f], [2, 2]);
        Assert.That(() => observer.Observe([1f, 2f, 3f], [3, 1]), Throws.ArgumentException);
    }

    [Test]
    public void Symmetric_reduce_range_quint8_is_PyTorchs_zero_point_128_for_the_histogram()
    {
        // PyTorch's HistogramObserver accepts this combination (its MinMax observers do not) and keeps zero point 128
        // although reduce_range limits the codes to 0..127: reproduced, and visible to the caller through Range.
        var observer = new HistogramObserver(Symmetric with { ReduceRange = true });
        observer.Observe([-1f, 1f], [2]);
        QuantizationParameters qparams = observer.CalculateParameters();
        Assert.That((qparams.ZeroPoint, qparams.Range.Max), Is.EqualTo((128, 127)));
    }

    [Test]
    public void Per_tensor_accessors_refuse_per_channel_parameters()
    {
        var observer = new PerChannelMinMaxObserver(ObserverSettings.SymmetricWeights);
        observer.Observe([1f, -2f], [2, 1]);
        QuantizationParameters qparams = observer.CalculateParameters();
        Assert.That(() => qparams.Scale, Throws.InvalidOperationException);
    }
}
