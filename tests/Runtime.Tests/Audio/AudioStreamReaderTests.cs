using Kws.Runtime.Audio;

namespace Kws.Runtime.Tests.Audio;

/// <summary>WAV and raw streams read a piece at a time decode to what the whole-file reader gives; broken streams are one clear error.</summary>
public class AudioStreamReaderTests
{
    /// <summary>A pipe whose reads return 1 to 5000 bytes at random.</summary>
    internal sealed class RandomPieces(byte[] bytes, int seed) : ForwardOnlyStream
    {
        private readonly Random random = new(seed);
        private int position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(Math.Min(count, random.Next(1, 5000)), bytes.Length - position);
            Array.Copy(bytes, position, buffer, offset, n);
            position += n;
            return n;
        }
    }

    private static float[] ReadAll(AudioStreamReader reader)
    {
        var all = new List<float>();
        var piece = new float[reader.MaxFramesPerRead];
        int n;
        while ((n = reader.Read(piece)) > 0)
        {
            all.AddRange(piece[..n]);
        }
        return [.. all];
    }

    [TestCase("pcm16_22k.wav")]
    [TestCase("stereo_pcm16_44k.wav")]
    [TestCase("pcm24_48k.wav")]
    [TestCase("stereo_float32_22k.wav")]
    [TestCase("pcm8u_8k.wav")]
    public void StreamedFormatsDecodeAsTheFileReaderDoes(string name)
    {
        byte[] file = File.ReadAllBytes(Path.Combine(Kws.Tests.Shared.RepositoryPaths.Samples, "formats", name));
        WavAudio whole = WavReader.Read(file);
        using var reader = AudioStreamReader.OpenWav(new RandomPieces(file, seed: 1));
        Assert.That(reader.Format, Is.EqualTo(new WavFormat(whole.Encoding, whole.Channels, whole.SampleRate)));
        Assert.That(ReadAll(reader), Is.EqualTo(whole.Samples));
    }

    [Test]
    public void PlaceholderDataSizesReadToTheEndOfTheStream([Values(0u, 0xFFFFFFFFu, 0x7FFFF000u)] uint declared)
    {
        byte[] file = new WavBuilder().Format(1, 1, 16000, 16).Chunk("data", [0, 64, 0, 192, 0, 32]).Build(declaredDataSize: declared);
        using var reader = AudioStreamReader.OpenWav(new UnseekableStream(file));
        Assert.That(reader.DeclaredFrames, Is.Null);
        Assert.That(ReadAll(reader), Is.EqualTo(new[] { 0.5f, -0.5f, 0.25f }));
    }

    [Test]
    public void RawPcmIsReadInTheGivenFormat()
    {
        using var reader = AudioStreamReader.OpenRaw(new UnseekableStream([0, 64, 0, 192, 0, 32, 0, 32]), new WavFormat(WavEncoding.Int16, 2, 16000));
        Assert.That(ReadAll(reader), Is.EqualTo(new[] { 0f, 0.25f }));
    }

    private static IEnumerable<TestCaseData> BrokenStreams()
    {
        byte[] good = WavBuilder.Pcm16(16000, 1, 1, 2, 3, 4);
        yield return new TestCaseData(good[..30], "ended in the").SetName("EndsMidHeader");
        yield return new TestCaseData(good[..^1], "mid-sample").SetName("EndsMidSampleOfADeclaredChunk");
        yield return new TestCaseData(good[..^2], "declares 4 frames, the stream ended after 3").SetName("EndsBeforeTheDeclaredSize");
        yield return new TestCaseData(new WavBuilder().Format(1, 1, 16000, 16).Chunk("data", [1, 2, 3]).Build(declaredDataSize: 0xFFFFFFFF)[..^1], "mid-sample").SetName("EndsMidSample");
        yield return new TestCaseData(new WavBuilder().Format(1, 1, 16000, 16).Chunk("data", []).Build(declaredDataSize: 0xFFFFFFFF), "no audio").SetName("NoSamples");
        yield return new TestCaseData(new WavBuilder().Format(3, 1, 16000, 32).Chunk("data", [0, 0, 0xC0, 0x7F]).Build(), "NaN").SetName("NaN");
        yield return new TestCaseData(new WavBuilder().Format(1, 2000, 16000, 16).Chunk("data", []).Build(), "2000 channels").SetName("AbsurdChannels");
        yield return new TestCaseData(new WavBuilder().Chunk("JUNK", new byte[2 << 20]).Build(), "KB of WAV header").SetName("EndlessHeader");
        yield return new TestCaseData(new byte[100], "does not start with \"RIFF\"").SetName("Zeros");
    }

    [TestCaseSource(nameof(BrokenStreams))]
    public void BrokenStreamsAreOneClearError(byte[] stream, string expected)
    {
        var e = Assert.Throws<WavFormatException>(() =>
        {
            using var reader = AudioStreamReader.OpenWav(new UnseekableStream(stream, piece: 7));
            ReadAll(reader);
        })!;
        Assert.That(e.Message, Does.Contain(expected));
    }

    /// <summary>
    /// Fuzz finding (stream target): a "fmt " chunk declaring 0xFFFFFFFF bytes: the size plus its pad byte wrapped
    /// around to 0 in 32 bits, so the header bound passed and the format was sliced with a length of -1
    /// (ArgumentOutOfRangeException, exit 70 in kws listen).
    /// </summary>
    [TestCase("fmt ")]
    [TestCase("LIST")]
    public void Fuzz_finding_a_chunk_of_0xFFFFFFFF_bytes_is_past_the_header_limit(string chunk)
    {
        byte[] stream = [.. "RIFF"u8, 44, 0, 0, 0, .. "WAVE"u8, .. System.Text.Encoding.ASCII.GetBytes(chunk), 0xFF, 0xFF, 0xFF, 0xFF, .. new byte[64]];
        var e = Assert.Throws<WavFormatException>(() => AudioStreamReader.OpenWav(new UnseekableStream(stream, piece: 7)))!;
        Assert.That(e.Message, Does.Contain("KB of WAV header"));
    }

    [Test]
    public void AbsurdRawRatesAreRefused()
    {
        Assert.Throws<WavFormatException>(() => AudioStreamReader.OpenRaw(new UnseekableStream([]), new WavFormat(WavEncoding.Int16, 1, 0)));
        Assert.Throws<WavFormatException>(() => AudioStreamReader.OpenRaw(new UnseekableStream([]), new WavFormat(WavEncoding.Int16, 1, 2_000_000)));
    }
}
