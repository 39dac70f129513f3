using Kws.Runtime.Audio;

namespace Kws.Runtime.Tests.Audio;

/// <summary>WAV to model input: decode, resample to the model rate, pad or cut.</summary>
public class AudioFrontEndTests
{
    [Test]
    public void ShortInputAtTheModelRateIsZeroPadded()
    {
        var frontEnd = new AudioFrontEnd(8000, 6);
        var input = new float[6];
        frontEnd.Prepare(WavBuilder.Pcm16(8000, 1, 16384, -16384, 8192), input);
        Assert.That(input, Is.EqualTo(new[] { 0.5f, -0.5f, 0.25f, 0f, 0f, 0f }));
    }

    [Test]
    public void LongInputKeepsItsBeginning()
    {
        var frontEnd = new AudioFrontEnd(8000, 2);
        var input = new float[2];
        frontEnd.Prepare(WavBuilder.Pcm16(8000, 2, 16384, 16384, -16384, 0, 100, 100), input);
        Assert.That(input, Is.EqualTo(new[] { 0.5f, -0.25f }));
    }

    [Test]
    public void OtherRatesGoThroughTheTorchaudioResampler()
    {
        float[] signal = SincResamplerTests.Signal(16000, 3);
        var frontEnd = new AudioFrontEnd(8000, 8000);
        var input = new float[8000];
        frontEnd.Prepare(signal, 16000, input);
        Assert.That(input, Is.EqualTo(new SincResampler(16000, 8000).Resample(signal)));
    }

    [Test]
    public void BadWavIsAWavFormatException()
    {
        var frontEnd = new AudioFrontEnd(8000, 8000);
        Assert.Throws<WavFormatException>(() => frontEnd.Prepare("not audio"u8, new float[8000]));
    }

    [Test]
    public void WavBytesToModelInputAllocatesNothingInSteadyState([Values(16000, 44100)] int rate)
    {
        byte[] wav = WavOf(SincResamplerTests.Signal(rate, seed: 4), rate);
        var frontEnd = new AudioFrontEnd(8000, 8000);
        var input = new float[8000];
        frontEnd.Prepare(wav, input);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
        {
            frontEnd.Prepare(wav, input);
        }
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void ALongFileGivesTheBeginningOfItsWholeResampling()
    {
        float[] signal = SincResamplerTests.Signal(3 * 44100 + 17, seed: 6);
        var input = new float[8000];
        new AudioFrontEnd(8000, 8000).Prepare(WavOf(signal, 44100), input);
        float[] decoded = WavReader.Read(WavOf(signal, 44100)).Samples;
        Assert.That(input, Is.EqualTo(new SincResampler(44100, 8000).Resample(decoded)[..8000]));
    }

    [Test]
    public void Issue19_TinyLowRateWavIsClassifiedInBoundedMemoryAndTime()
    {
        // 2 Hz, 300,000 samples (600 KB): resampled whole it is 1.2 billion samples; only the first 8,000 are needed.
        byte[] wav = new WavBuilder().Format(1, 1, 2, 16).Chunk("data", new byte[600_000]).Build();
        var frontEnd = new AudioFrontEnd(8000, 8000);
        var input = new float[8000];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long before = GC.GetAllocatedBytesForCurrentThread();
        frontEnd.Prepare(wav, input);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(10_000_000));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void Issue19_OneHertzWithEightMillionSamplesDoesNotOverflow()
    {
        byte[] wav = new WavBuilder().Format(1, 1, 1, 16).Chunk("data", new byte[16_000_000]).Build();
        var input = new float[8000];
        Assert.DoesNotThrow(() => new AudioFrontEnd(8000, 8000).Prepare(wav, input));
        Assert.That(new SincResampler(1, 8000).OutputLength(8_000_000), Is.EqualTo(64_000_000_000L));
    }

    [Test]
    public void Issue19_AllNaNFloatWavIsRefused()
    {
        byte[] data = new byte[4 * 8000];
        for (int i = 0; i < 8000; i++)
        {
            BitConverter.TryWriteBytes(data.AsSpan(4 * i), float.NaN);
        }
        byte[] wav = new WavBuilder().Format(3, 1, 16000, 32).Chunk("data", data).Build();
        var e = Assert.Throws<WavFormatException>(() => new AudioFrontEnd(8000, 8000).Prepare(wav, new float[8000]))!;
        Assert.That(e.Message, Does.Contain("NaN"));
    }

    [Test]
    public void Issue19_ZeroSampleWavIsRefused()
    {
        byte[] wav = new WavBuilder().Format(1, 1, 16000, 16).Chunk("data", []).Build();
        var e = Assert.Throws<WavFormatException>(() => new AudioFrontEnd(8000, 8000).Prepare(wav, new float[8000]))!;
        Assert.That(e.Message, Does.Contain("0 samples"));
    }

    [Test]
    public void ManyOddRatesDoNotGrowTheFrontEndsMemory()
    {
        // Each rate's filter bank is kept in memory: 44,101 Hz to 8 kHz keeps 8,000 phases of about 70 taps (4.5 MB).
        // A folder of files at many such rates must not keep one bank per rate.
        var frontEnd = new AudioFrontEnd(8000, 8000);
        var input = new float[8000];
        int[] rates = [.. Enumerable.Range(0, 200).Select(i => 44101 + 2 * i).Where(r => r % 5 != 0).Take(4 * AudioFrontEnd.MaxKeptRates)];
        frontEnd.Prepare(WavBuilder.Pcm16(rates[0], 1, 1, 2, 3), input);
        long before = GC.GetTotalMemory(forceFullCollection: true);
        foreach (int rate in rates)
        {
            frontEnd.Prepare(WavBuilder.Pcm16(rate, 1, 1, 2, 3), input);
        }
        long kept = GC.GetTotalMemory(forceFullCollection: true) - before;
        Assert.That(kept, Is.LessThan(AudioFrontEnd.MaxKeptRates * 6_000_000L), $"{kept} bytes kept after {rates.Length} rates");
    }

    [Test]
    public void AFileIsDecodedOnlyAsFarAsTheModelInputNeeds()
    {
        // 500 s of 8-bit audio: decoded whole it would be 16 MB of floats besides its 4 MB of bytes.
        string path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"long-{TestContext.CurrentContext.Test.ID}.wav");
        byte[] data = new byte[4_000_000];
        data.AsSpan().Fill(128);
        File.WriteAllBytes(path, new WavBuilder().Format(1, 1, 8000, 8).Chunk("data", data).Build());
        var frontEnd = new AudioFrontEnd(8000, 8000);
        var input = new float[8000];
        long before = GC.GetAllocatedBytesForCurrentThread();
        frontEnd.PrepareFile(path, input);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        File.Delete(path);
        Assert.That(allocated, Is.LessThan(data.Length + 1_000_000), "the file's bytes and little more");
        Assert.That(input, Is.All.Zero);
    }

    internal static byte[] WavOf(float[] signal, int rate)
    {
        var data = new byte[signal.Length * 2];
        for (int i = 0; i < signal.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(2 * i), (short)Math.Clamp(Math.Round(signal[i] * 32768), -32768, 32767));
        }
        return new WavBuilder().Format(1, 1, rate, 16).Chunk("data", data).Build();
    }
}
