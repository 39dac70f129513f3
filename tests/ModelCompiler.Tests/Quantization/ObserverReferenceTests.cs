using System.Text.Json;
using Kws.Compiler.Quantization;

namespace Kws.Compiler.Tests.Quantization;

/// <summary>
/// Every observer configuration of the reference grid, fed PyTorch's exact tensors in PyTorch's call order, must give
/// PyTorch's scales bit for bit and its zero points exactly (the histogram observer included: it holds to the same bound).
/// </summary>
public class ObserverReferenceTests
{
    private static ObserverReference Reference => ObserverReference.Instance;

    public static IEnumerable<TestCaseData> ModelCases()
    {
        foreach (JsonElement configuration in Reference.Root.GetProperty("configurations").EnumerateArray())
        {
            var config = ObserverConfiguration.Of(configuration);
            string kind = configuration.GetProperty("kind").GetString()!;
            foreach (JsonProperty result in configuration.GetProperty("results").EnumerateObject())
            {
                if (!result.Value.TryGetProperty("refused", out _))
                {
                    yield return new TestCaseData(kind, config, result.Name, result.Value).SetName($"{kind} {config} on {result.Name}");
                }
            }
        }
    }

    public static IEnumerable<TestCaseData> SyntheticCases()
    {
        foreach (JsonElement synthetic in Reference.Root.GetProperty("synthetic").EnumerateArray())
        {
            string name = synthetic.GetProperty("name").GetString()!;
            foreach (JsonElement entry in synthetic.GetProperty("results").EnumerateArray())
            {
                JsonElement result = entry.GetProperty("result");
                if (!result.TryGetProperty("refused", out _))
                {
                    var config = ObserverConfiguration.Of(entry);
                    yield return new TestCaseData(name, config, result).SetName($"synthetic {name}: {config}");
                }
            }
        }
    }

    public static IEnumerable<TestCaseData> RefusedCases() =>
        Reference.Root.GetProperty("configurations").EnumerateArray()
            .Where(c => c.GetProperty("results").EnumerateObject().All(r => r.Value.TryGetProperty("refused", out _)))
            .Select(c => ObserverConfiguration.Of(c))
            .Select(c => new TestCaseData(c).SetName($"refused: {c}"));

    [TestCaseSource(nameof(ModelCases))]
    public void Model_tensors_give_PyTorchs_qparams(string kind, ObserverConfiguration config, string tensor, JsonElement expected)
    {
        IObserver observer = config.Create();
        var batches = kind == "activation" ? Reference.Calls(tensor) : [Reference.FoldedWeight(tensor)];
        foreach ((float[] values, int[] shape) in batches)
        {
            observer.Observe(values, shape);
        }
        AssertSameQParams(observer.CalculateParameters(), expected);
    }

    [TestCaseSource(nameof(SyntheticCases))]
    public void Synthetic_batches_give_PyTorchs_qparams(string name, ObserverConfiguration config, JsonElement expected)
    {
        JsonElement synthetic = Reference.Root.GetProperty("synthetic").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);
        IObserver observer = config.Create();
        foreach (JsonElement batch in synthetic.GetProperty("batches").EnumerateArray())
        {
            (float[] values, int[] shape) = Reference.Tensor(batch);
            observer.Observe(values, shape);
        }
        AssertSameQParams(observer.CalculateParameters(), expected);
    }

    [TestCaseSource(nameof(RefusedCases))]
    public void Configurations_PyTorch_refuses_are_refused(ObserverConfiguration config)
    {
        if (config is { Observer: "Histogram", PerChannel: true })
        {
            // C# has no per-channel histogram observer to construct, just as PyTorch's raises NotImplementedError.
            Assert.That(() => config.Create(), Throws.InvalidOperationException);
            return;
        }
        Assert.That(() => config.Create(), Throws.ArgumentException);
    }

    [Test]
    public void The_reference_grid_exercises_the_histogram_combination()
    {
        int combinations = Reference.Root.GetProperty("synthetic").EnumerateArray()
            .SelectMany(s => s.GetProperty("results").EnumerateArray())
            .Select(r => r.GetProperty("result"))
            .Where(r => r.TryGetProperty("combinations", out _))
            .Sum(r => r.GetProperty("combinations").GetInt32());
        Assert.That(combinations, Is.GreaterThan(10), "the synthetic cases must drive _combine_histograms");
    }

    private static void AssertSameQParams(QuantizationParameters actual, JsonElement expected)
    {
        float[] scales = [.. expected.GetProperty("scales").EnumerateArray().Select(s => (float)s.GetDouble())];
        int[] zeroPoints = [.. expected.GetProperty("zeroPoints").EnumerateArray().Select(z => z.GetInt32())];
        Assert.Multiple(() =>
        {
            Assert.That(actual.Scales.Select(BitConverter.SingleToInt32Bits), Is.EqualTo(scales.Select(BitConverter.SingleToInt32Bits)),
                $"scales {string.Join(", ", actual.Scales.Take(4))}... against PyTorch's {string.Join(", ", scales.Take(4))}...");
            Assert.That(actual.ZeroPoints, Is.EqualTo(zeroPoints));
        });
    }
}
