using System.Buffers.Binary;
using Kws.Runtime.Audio;

namespace Kws.Runtime.Tests.Audio;

/// <summary>Every supported encoding decodes to torchaudio.load's float values; every kind of bad file is one clear error.</summary>
public class WavReaderTests
{
    [Test]
    public void Pcm16MonoScalesBy32768()
    {
        WavAudio audio = WavReader.Read(WavBuilder.Pcm16(16000, 1, 0, 16384, -32768, 32767));
        Assert.That(audio.Samples, Is.EqualTo(new[] { 0f, 0.5f, -1f, 32767f / 32768f }));
        Assert.That((audio.SampleRate, audio.Channels, audio.Encoding), Is.EqualTo((16000, 1, WavEncoding.Int16)));
    }

    [Test]
    public void UnsignedEightBitIsCentredOn128()
    {
        byte[] file = new WavBuilder().Format(1, 1, 8000, 8).Chunk("data", [0, 128, 255]).Build();
        WavAudio audio = WavReader.Read(file);
        // Three bytes: an odd-sized data chunk, so the builder also wrote a pad byte.
        Assert.That(audio.Samples, Is.EqualTo(new[] { -1f, 0f, 127f / 128f }));
        Assert.That(audio.Encoding, Is.EqualTo(WavEncoding.UInt8));
    }

    [Test]
    public void TwentyFourBitIsSignExtendedAndScaledBy2To23()
    {
        byte[] data = [0x00, 0x00, 0x80, 0xFF, 0xFF, 0x7F, 0x01, 0x00, 0x00];
        WavAudio audio = WavReader.Read(new WavBuilder().Format(1, 1, 48000, 24).Chunk("data", data).Build());
        Assert.That(audio.Samples, Is.EqualTo(new[] { -1f, 8388607f / 8388608f, 1f / 8388608f }));
    }

    [Test]
    public void ThirtyTwoBitPcmIsScaledBy2To31()
    {
        var data = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(data, int.MinValue);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(4), 1 << 30);
        WavAudio audio = WavReader.Read(new WavBuilder().Format(1, 1, 8000, 32).Chunk("data", data).Build());
        Assert.That(audio.Samples, Is.EqualTo(new[] { -1f, 0.5f }));
    }

    [Test]
    public void FloatSamplesPassThroughAndDoublesBecomeFloat32()
    {
        var f32 = new byte[8];
        BinaryPrimitives.WriteSingleLittleEndian(f32, 0.25f);
        BinaryPrimitives.WriteSingleLittleEndian(f32.AsSpan(4), -1.5f);
        Assert.That(WavReader.Read(new WavBuilder().Format(3, 1, 8000, 32).Chunk("data", f32).Build()).Samples,
            Is.EqualTo(new[] { 0.25f, -1.5f }));
        var f64 = new byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(f64, 0.1);
        WavAudio audio = WavReader.Read(new WavBuilder().Format(3, 1, 8000, 64).Chunk("data", f64).Build());
        Assert.That(audio.Samples, Is.EqualTo(new[] { 0.1f }));
        Assert.That(audio.Encoding, Is.EqualTo(WavEncoding.Float64));
    }

    [Test]
    public void ExtensibleHeadersAreReadThroughTheirSubFormat()
    {
        var data = new byte[8];
        BinaryPrimitives.WriteSingleLittleEndian(data, 0.5f);
        BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4), -0.25f);
        WavAudio audio = WavReader.Read(new WavBuilder().ExtensibleFormat(3, 2, 44100, 32).Chunk("data", data).Build());
        Assert.That(audio.Samples, Is.EqualTo(new[] { 0.125f }));
        Assert.That((audio.Channels, audio.Encoding), Is.EqualTo((2, WavEncoding.Float32)));

        byte[] pcm = new WavBuilder().ExtensibleFormat(1, 1, 16000, 16).Chunk("data", [0x00, 0x40]).Build();
        Assert.That(WavReader.Read(pcm).Samples, Is.EqualTo(new[] { 0.5f }));
    }

    [Test]
    public void ChannelsAreAveragedToMono()
    {
        WavAudio audio = WavReader.Read(WavBuilder.Pcm16(22050, 3, 16384, 0, -8192, 3, 3, 3));
        Assert.That(audio.Samples, Is.EqualTo(new[] { (0.5f + 0f - 0.25f) / 3, 3 * (3f / 32768f) / 3 }));
    }

    [Test]
    public void UnknownChunksAreSkippedIncludingTheirPadByte()
    {
        byte[] file = new WavBuilder()
            .Chunk("JUNK", [1, 2, 3])
            .Format(1, 1, 8000, 16)
            .Chunk("LIST", [9, 9, 9, 9, 9])
            .Chunk("data", [0x00, 0x40])
            .Chunk("id3 ", [7])
            .Build();
        Assert.That(WavReader.Read(file).Samples, Is.EqualTo(new[] { 0.5f }));
    }

    [Test]
    public void ReadsFromStreamsAndFiles()
    {
        byte[] file = WavBuilder.Pcm16(8000, 1, 16384);
        Assert.That(WavReader.Read(new MemoryStream(file)).Samples, Is.EqualTo(new[] { 0.5f }));
        string path = Path.Combine(Path.GetTempPath(), $"kws-{Guid.NewGuid():N}.wav");
        File.WriteAllBytes(path, file);
        try
        {
            Assert.That(WavReader.ReadFile(path).Samples, Is.EqualTo(new[] { 0.5f }));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static IEnumerable<TestCaseData> BadFiles()
    {
        byte[] good = WavBuilder.Pcm16(8000, 1, 1, 2, 3, 4);
        yield return new TestCaseData(Array.Empty<byte>(), "empty file").SetName("Empty");
        yield return new TestCaseData(new byte[64], "does not start with \"RIFF\"").SetName("Zeros");
        yield return new TestCaseData(new WavBuilder().Format(1, 1, 8000, 16).Chunk("data", []).Build(), "0 samples").SetName("NoSamples");
        yield return new TestCaseData(new WavBuilder().Format(1, 1, 1_000_001, 16).Chunk("data", new byte[4]).Build(), "sample rate 1000001").SetName("RateAboveOneMegahertz");
        yield return new TestCaseData("hello world, not audio"u8.ToArray(), "does not start with \"RIFF\"").SetName("Text");
        yield return new TestCaseData(ReplaceAt(good, 8, "AVI "u8), "another form").SetName("RiffButNotWave");
        yield return new TestCaseData(ReplaceAt(good, 0, "RF64"u8), "RF64").SetName("Rf64");
        yield return new TestCaseData(good[..^3], "declares 8 bytes but only 5 follow").SetName("TruncatedData");
        yield return new TestCaseData(good[..30], "declares 16 bytes").SetName("TruncatedFormat");
        yield return new TestCaseData(good[..(good.Length - 8 - 4)].Concat(new byte[] { 1, 2, 3 }).ToArray(), "stray bytes").SetName("StrayBytes");
        yield return new TestCaseData(new WavBuilder().Format(1, 1, 8000, 16).Chunk("data", new byte[4]).Build(declaredDataSize: 400), "declares 400 bytes").SetName("LyingDataSize");
        yield return new TestCaseData(new WavBuilder().Format(1, 2, 8000, 16, blockAlign: 2).Chunk("data", new byte[4]).Build(), "block align").SetName("LyingBlockAlign");
        yield return new TestCaseData(new WavBuilder().Format(1, 1, 8000, 16, byteRate: 1234).Chunk("data", new byte[4]).Build(), "byte rate").SetName("LyingByteRate");
        yield return new TestCaseData(new WavBuilder().Format(1, 0, 8000, 16).Chunk("data", new byte[4]).Build(), "0 channels").SetName("ZeroChannels");
        yield return new TestCaseData(new WavBuilder().Format(1, 1, 0, 16).Chunk("data", new byte[4]).Build(), "sample rate 0").SetName("ZeroRate");
        yield return new TestCaseData(new WavBuilder().Format(1, 1, 8000, 12).Chunk("data", new byte[4]).Build(), "12-bit PCM").SetName("TwelveBit");
        yield return new TestCaseData(new WavBuilder().Format(3, 1, 8000, 16).Chunk("data", new byte[4]).Build(), "16-bit float").SetName("HalfFloat");
        yield return new TestCaseData(new WavBuilder().Format(7, 1, 8000, 8).Chunk("data", new byte[4]).Build(), "0x0007").SetName("MuLaw");
        yield return new TestCaseData(new WavBuilder().Format(1, 2, 8000, 16).Chunk("data", new byte[6]).Build(), "whole number").SetName("PartialFrame");
        yield return new TestCaseData(new WavBuilder().Chunk("data", new byte[4]).Format(1, 1, 8000, 16).Build(), "before any \"fmt \"").SetName("DataBeforeFormat");
        yield return new TestCaseData(new WavBuilder().Format(1, 1, 8000, 16).Build(), "no \"data\" chunk").SetName("NoData");
        yield return new TestCaseData(new WavBuilder().Chunk("LIST", new byte[4]).Build(), "no \"fmt \" chunk").SetName("NoFormat");
        yield return new TestCaseData(new WavBuilder().Format(1, 1, 8000, 16).Format(1, 1, 8000, 16).Chunk("data", new byte[2]).Build(), "two \"fmt \"").SetName("TwoFormats");
        yield return new TestCaseData(new WavBuilder().Chunk("fmt ", new byte[10]).Chunk("data", new byte[2]).Build(), "at least 16").SetName("ShortFormat");
    }

    [TestCaseSource(nameof(BadFiles))]
    public void BadFilesGiveOneClearError(byte[] file, string expected)
    {
        var e = Assert.Throws<WavFormatException>(() => WavReader.Read(file))!;
        Assert.That(e.Message, Does.Contain(expected));
    }

    [Test]
    public void StreamingPlaceholderDataSizesRunToTheEndOfTheFile([Values(0u, 0xFFFFFFFFu, 0x7FFFFFFFu)] uint declared)
    {
        byte[] file = new WavBuilder().Format(1, 1, 8000, 16).Chunk("data", [0, 64, 0, 192]).Build(declaredDataSize: declared);
        Assert.That(WavReader.Read(file).Samples, Is.EqualTo(new[] { 0.5f, -0.5f }));
    }

    [Test]
    public void NonFiniteFloatSamplesAreRefused([Values(float.NaN, float.PositiveInfinity, float.NegativeInfinity)] float bad)
    {
        byte[] data = new byte[40];
        BitConverter.TryWriteBytes(data.AsSpan(28), bad);
        byte[] file = new WavBuilder().Format(3, 1, 8000, 32).Chunk("data", data).Build();
        var e = Assert.Throws<WavFormatException>(() => WavReader.Read(file))!;
        Assert.That(e.Message, Does.Contain("sample 7 is"));
    }

    [Test]
    public void ReadsFromPipesWithoutAskingTheirLength()
    {
        byte[] file = WavBuilder.Pcm16(8000, 1, 16384);
        using var unseekable = new UnseekableStream(file);
        Assert.That(WavReader.Read(unseekable).Samples, Is.EqualTo(new[] { 0.5f }));
    }

    [Test]
    public void EndlessZerosAreRefusedAtTheirFirstBytes()
    {
        using var zeros = new EndlessZeros();
        var e = Assert.Throws<WavFormatException>(() => WavReader.Read(zeros))!;
        Assert.That(e.Message, Does.Contain("does not start with \"RIFF\""));
        Assert.That(zeros.BytesRead, Is.LessThan(1024 * 1024));
    }

    [Test]
    public void MissingFileIsAClearError()
    {
        var e = Assert.Throws<WavFormatException>(() => WavReader.ReadFile("/nonexistent/x.wav"))!;
        Assert.That(e.Message, Does.Contain("no such file"));
    }

    private static byte[] ReplaceAt(byte[] file, int offset, ReadOnlySpan<byte> bytes)
    {
        byte[] copy = (byte[])file.Clone();
        bytes.CopyTo(copy.AsSpan(offset));
        return copy;
    }
}
