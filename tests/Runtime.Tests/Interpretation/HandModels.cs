using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;

namespace Kws.Runtime.Tests.Interpretation;

/// <summary>
/// Tiny models whose every intermediate value is worked out by hand in <see cref="InterpretedModelTests"/>. The int8
/// one uses odd zero points and inputs that land exactly on .5 so the order "round, then add the zero point" and
/// round-half-to-even are both pinned down.
/// </summary>
internal static class HandModels
{
    public static readonly float[] Int8Input = [0.5f, -0.25f, 0.125f, 1.0f, -0.375f, 0.625f, 0f, 2.0f, 100f, -100f];

    public static ModelManifest Int8()
    {
        var inQ = new ActivationQuantization(0.25, 3);
        var convQ = new ActivationQuantization(0.5, 11);
        var fcQ = new ActivationQuantization(0.2, 100);
        var layers = new List<LayerSpec>
        {
            new QuantizeLayer("quant", 1, 10, inQ),
            new Conv1dLayer("conv1", 1, 2, 3, 2, 10, 4, true, [0.5f, -1.0f], null,
                [1, 0, -1, 2, 1, 1], new WeightQuantization(true, 0, [0.5, 0.25], [0, 0]), inQ, convQ),
            new MaxPool1dLayer("pool1", 2, 2, 2, 4, 2),
            new GlobalAvgPool1dLayer("avgpool", 2, 2, convQ),
            new LinearLayer("fc1", 2, 3, false, [0f, 0.1f, -0.25f], null, [1, 2, -3, 1, 0, -1],
                new WeightQuantization(false, 0, [0.1], [0]), convQ, fcQ),
            new DequantizeLayer("dequant", 3, 1, fcQ),
            new LogSoftmaxLayer("log_softmax", 3),
        };
        return new ModelManifest("HandInt8", new SourceCheckpoint("hand.pth", "00", "ptq"), "kwsc test",
            ["a", "b", "c"], 8000, 10, layers);
    }

    public static readonly float[] Float32Input = [1f, 2f, 3f, 4f];

    public static ModelManifest Float32()
    {
        var layers = new List<LayerSpec>
        {
            new Conv1dLayer("conv1", 1, 1, 2, 1, 4, 3, true, [-1f], [-1f, 2f], null, null, null, null),
            new MaxPool1dLayer("pool1", 1, 2, 1, 3, 2),
            new GlobalAvgPool1dLayer("avgpool", 1, 2, null),
            new LinearLayer("fc1", 1, 2, false, [0f, 1f], [1f, -1f], null, null, null, null),
            new LogSoftmaxLayer("log_softmax", 2),
        };
        return new ModelManifest("HandFloat", new SourceCheckpoint("hand.pth", "00", "fp32"), "kwsc test",
            ["x", "y"], 8000, 4, layers);
    }
}
