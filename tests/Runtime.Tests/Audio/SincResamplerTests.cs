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
    public void RatePairsThatNeedAHugeFilterBankAreRefused()
    {
        var e = Assert.Throws<NotSupportedException>(() => _ = new SincResampler(44101, 8000))!;
        Assert.That(e.Message, Does.Contain("44101 Hz to 8000 Hz"));
        var frontEnd = new AudioFrontEnd(8000, 8000);
        Assert.Throws<WavFormatException>(() => frontEnd.Prepare(new float[10], 44101, new float[8000]));
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
