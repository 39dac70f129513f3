using System.Text.Json;
using Kws.Compiler.Quantization;

namespace Kws.Compiler.Tests.Quantization;

/// <summary>
/// The PyTorch internals the histogram observer rests on, each against PyTorch's own output: torch.sum's cascade order
/// and the histogram combination's float32/float64 steps, on inputs where a plainer computation gives other bits.
/// </summary>
public class TorchPrimitiveTests
{
    private static ObserverReference Reference => ObserverReference.Instance;

    [Test]
    public void Sums_add_in_torch_sums_order()
    {
        int differsFromSequential = 0;
        foreach (JsonElement c in Reference.Root.GetProperty("sums").EnumerateArray())
        {
            float[] values = Reference.Tensor(c.GetProperty("values")).Values;
            float expected = (float)c.GetProperty("sum").GetDouble();
            Assert.That(BitConverter.SingleToInt32Bits(TorchFloatSum.Sum(values)), Is.EqualTo(BitConverter.SingleToInt32Bits(expected)),
                $"sum of {values.Length} floats");
            float sequential = 0f;
            foreach (float v in values)
            {
                sequential += v;
            }
            differsFromSequential += sequential == expected ? 0 : 1;
        }
        Assert.That(differsFromSequential, Is.GreaterThan(0), "the cases must tell the cascade from a sequential sum");
    }

    [Test]
    public void Histogram_combination_matches_PyTorchs_bit_for_bit()
    {
        foreach (JsonElement c in Reference.Root.GetProperty("combinations").EnumerateArray())
        {
            float[] held = Reference.Tensor(c.GetProperty("held")).Values;
            float[] batch = Reference.Tensor(c.GetProperty("batch")).Values;
            float[] expected = Reference.Tensor(c.GetProperty("combined")).Values;
            HistogramCombination.Alignment alignment = HistogramCombination.Adjust(
                Single(c, "heldMin"), Single(c, "heldMax"), Single(c, "combinedMin"), Single(c, "combinedMax"), held.Length);
            Assert.Multiple(() =>
            {
                Assert.That(alignment.Min, Is.EqualTo(Single(c, "adjustedMin")));
                Assert.That(alignment.Max, Is.EqualTo(Single(c, "adjustedMax")));
                Assert.That(alignment.DownsampleRate, Is.EqualTo(c.GetProperty("downsampleRate").GetInt64()));
                Assert.That(alignment.StartIndex, Is.EqualTo(c.GetProperty("startIndex").GetInt64()));
            });
            float[] combined = HistogramCombination.Combine(batch, held, alignment);
            Assert.That(combined.Select(BitConverter.SingleToInt32Bits), Is.EqualTo(expected.Select(BitConverter.SingleToInt32Bits)));
        }
    }

    [Test]
    public void A_combination_PyTorch_cannot_place_is_refused()
    {
        var alignment = new HistogramCombination.Alignment(0f, 1f, DownsampleRate: 1, StartIndex: 0);
        Assert.That(() => HistogramCombination.Combine(new float[2048], new float[2048], alignment), Throws.TypeOf<CalibrationException>());
    }

    private static float Single(JsonElement element, string name) => (float)element.GetProperty(name).GetDouble();
}
