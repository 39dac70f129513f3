using System.Text.Json;
using Kws.Runtime.Audio;
using Kws.Tests.Shared;

namespace Kws.Runtime.Tests.Audio;

/// <summary>
/// The resampler against torchaudio 0.13.1's Resample(orig, new) with defaults, on signals both sides generate
/// identically (TestData/make-resample-check.py wrote torchaudio's outputs).
/// </summary>
public class SincResamplerTests
{
    private sealed record CheckCase(int OrigRate, int NewRate, int InputLength, int Seed, int OutputOffset, int OutputLength);

    private sealed record CheckFile(string Torchaudio, List<CheckCase> Cases);

    private static IEnumerable<TestCaseData> Cases()
    {
        string dir = Path.Combine(RepositoryPaths.Root, "tests", "Runtime.Tests", "TestData");
        var file = JsonSerializer.Deserialize<CheckFile>(File.ReadAllText(Path.Combine(dir, "resample-check.json")),
            new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
        byte[] blob = File.ReadAllBytes(Path.Combine(dir, "resample-check.bin"));
        foreach (CheckCase c in file.Cases)
        {
            float[] expected = new float[c.OutputLength];
            Buffer.BlockCopy(blob, c.OutputOffset * 4, expected, 0, c.OutputLength * 4);
            yield return new TestCaseData(c.OrigRate, c.NewRate, Signal(c.InputLength, c.Seed), expected)
                .SetName($"MatchesTorchaudio_{c.OrigRate}_to_{c.NewRate}");
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void MatchesTorchaudioWithinOneMillionth(int origRate, int newRate, float[] input, float[] expected)
    {
        float[] actual = new SincResampler(origRate, newRate).Resample(input);
        Assert.That(actual, Has.Length.EqualTo(expected.Length));
        double maxDiff = actual.Zip(expected, (a, e) => Math.Abs((double)a - e)).Max();
        Assert.That(maxDiff, Is.LessThanOrEqualTo(1e-6));
    }

    [Test]
    public void OutputLengthIsTheCeilingOfTheScaledLength()
    {
        Assert.That(new SincResampler(44100, 8000).OutputLength(44100), Is.EqualTo(8000));
        Assert.That(new SincResampler(44100, 8000).OutputLength(44101), Is.EqualTo(8001));
        Assert.That(new SincResampler(16000, 8000).OutputLength(16001), Is.EqualTo(8001));
        Assert.That(new SincResampler(8000, 8000).OutputLength(123), Is.EqualTo(123));
    }

    [Test]
    public void Issue19_OddRatesAreResampledNotRefused([Values(7919, 44056, 44101, 999_983)] int rate)
    {
        var resampler = new SincResampler(rate, 8000);
        float[] input = Signal(rate / 10 + 5, seed: 1);
        float[] output = resampler.Resample(input);
        Assert.That(output, Has.Length.EqualTo(resampler.OutputLength(input.Length)));
        Assert.That(output, Has.All.InRange(-1.1f, 1.1f));
        var frontEnd = new AudioFrontEnd(8000, 8000);
        var modelInput = new float[8000];
        frontEnd.Prepare(input, rate, modelInput);
        Assert.That(modelInput.AsSpan(0, output.Length).ToArray(), Is.EqualTo(output));
    }

    [TestCase(2, 8000)]
    [TestCase(16000, 8000)]
    [TestCase(44100, 8000)]
    [TestCase(7919, 8000)]
    [TestCase(8000, 16000)]
    public void TrimmedTapsAreExactlyZeroInTorchaudiosFullFilter(int origRate, int newRate)
    {
        var resampler = new SincResampler(origRate, newRate);
        SincFilterBank bank = resampler.Bank;
        Span<double> scratch = new double[bank.MaxLength];
        for (int j = 0; j < bank.New; j += Math.Max(1, bank.New / 50))
        {
            double[] full = bank.FullFilter(j);
            int first = bank.Offset(j) + bank.Width;
            ReadOnlySpan<double> kept = bank.Taps(j, scratch);
            Assert.That(kept.ToArray(), Is.EqualTo(full[first..(first + kept.Length)]), $"phase {j}");
            Assert.That(full[..first].Concat(full[(first + kept.Length)..]), Has.All.EqualTo(0.0), $"phase {j}");
        }
    }

    [TestCase(7919, 8000)]
    [TestCase(44100, 8000)]
    [TestCase(16000, 8000)]
    public void TapsComputedOnTheFlyGiveTheBanksBits(int origRate, int newRate)
    {
        var resampler = new SincResampler(origRate, newRate);
        var computed = new SincFilterBank(resampler.ReducedOriginal, resampler.ReducedNew, maxCachedTaps: 0);
        Assert.That(resampler.Bank.IsCached && !computed.IsCached);
        float[] input = Signal(origRate / 3, seed: 5);
        float[] expected = resampler.Resample(input);
        var actual = new float[expected.Length];
        PolyphaseKernel.Compute(computed, input, 0, 0, actual);
        Assert.That(actual, Is.EqualTo(expected));
    }

    /// <summary>The generator of make-resample-check.py: 32-bit LCG noise plus a square wave, as int16 codes / 32768.</summary>
    internal static float[] Signal(int length, int seed)
    {
        uint s = (uint)seed;
        var x = new float[length];
        for (int i = 0; i < length; i++)
        {
            s = unchecked(s * 1664525u + 1013904223u);
            int v = (int)((s >> 16) & 0xFFFF) - 32768;
            v = (v >> 2) + ((i / 200) % 2 == 1 ? 8000 : -8000);
            x[i] = (float)(v / 32768.0);
        }
        return x;
    }
}
