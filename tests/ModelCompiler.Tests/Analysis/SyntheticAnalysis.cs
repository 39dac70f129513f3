using Kws.Compiler.Analysis;
using Kws.Compiler.Analysis.Collectors;

namespace Kws.Compiler.Tests.Analysis;

/// <summary>A made-up but plausible <see cref="AnalysisResult"/> (35 labels, two quantized models) for testing the writers without models.</summary>
internal static class SyntheticAnalysis
{
    public static readonly string[] Layers = ["quant", "conv1", "pool1", "conv2", "pool2", "conv3", "pool3", "conv4", "pool4", "avgpool", "fc1", "output"];
    public static readonly string[] WeightedLayers = ["conv1", "conv2", "conv3", "conv4", "fc1"];

    public static AnalysisResult Create()
    {
        var random = new Random(8);
        string[] labels = Enumerable.Range(0, 35).Select(i => $"word{i:00}").ToArray();
        string[] models = ["PTQ", "QAT"];
        return new AnalysisResult(
            new AnalysisInputs("cnn_fp32_model.pth", ["cnn_ptq_model.pth", "cnn_qat_model.pth"], "samples/clips", 350, 350),
            [.. new[] { "FP32", "PTQ", "QAT" }.Select((m, i) => Accuracy(m, labels, 0.9 - 0.08 * i, random))],
            [.. models.Select((m, i) => new ModelComparison(m, Layers.Select((l, j) =>
                new LayerComparison(l, Metrics(40 - 2.5 * j - 3 * i + random.NextDouble()))).ToList()))],
            [.. models.Select((m, i) => new SensitivityResult(m, 0.9,
                WeightedLayers.Select((l, j) => new BlockSensitivity(l, [l, $"pool{j + 1}"], 310 - 5 * j - 8 * i, 350)).ToList(),
                new BlockSensitivity("all", WeightedLayers, 290 - 20 * i, 350)))],
            [.. models.Select(m => new ModelWeightStatistics(m, WeightedLayers.Select(l => Weights(l, random)).ToList()))],
            [.. models.Select((m, i) => new ModelActivationRanges(m, Layers[..^1].Select(l => Activations(l, i, random)).ToList()))]);
    }

    private static ModelAccuracy Accuracy(string model, string[] labels, double accuracy, Random random)
    {
        int[][] confusion = labels.Select(_ => new int[labels.Length]).ToArray();
        int correct = 0;
        for (int t = 0; t < labels.Length; t++)
        {
            for (int k = 0; k < 10; k++)
            {
                int predicted = random.NextDouble() < accuracy ? t : random.Next(labels.Length);
                confusion[t][predicted]++;
                correct += predicted == t ? 1 : 0;
            }
        }
        return new ModelAccuracy(model, model.ToLowerInvariant(), correct, labels.Length * 10, labels, confusion);
    }

    private static ErrorMetrics Metrics(double sqnr) =>
        new(1000, Math.Pow(10, -sqnr / 10), Math.Pow(10, -sqnr / 20), 1 - Math.Pow(10, -sqnr / 10) / 2, sqnr, Math.Pow(10, -sqnr / 20), 1e-4);

    private static LayerWeightStatistics Weights(string layer, Random random)
    {
        float[] weights = Enumerable.Range(0, 3000).Select(_ => (float)(Gaussian(random) * 0.1)).ToArray();
        sbyte[] codes = weights.Select(w => (sbyte)Math.Clamp(Math.Round(w / 0.4 * 127), -127, 127)).ToArray();
        int channels = layer == "fc1" ? 35 : 32;
        return new LayerWeightStatistics(layer, Histogram.SymmetricOf(weights, 60), Histogram.OfInt8Codes(codes),
            Enumerable.Range(0, channels).Select(_ => 0.002 + random.NextDouble() * 0.002).ToArray(),
            Enumerable.Range(0, channels).Select(_ => 0.6 + random.NextDouble() * 0.4).ToArray());
    }

    private static ActivationRange Activations(string layer, int model, Random random)
    {
        var values = new Histogram(-1, 6, 80);
        for (int i = 0; i < 5000; i++)
        {
            values.Add(Math.Abs(Gaussian(random)) * 1.5);
        }
        return new ActivationRange(layer, 0, 5.8, 0, 4.5 + model, 0.0012 / (model + 1), values);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
