using Kws.Runtime.Audio;

namespace Kws.Runtime.Tests.Audio;

/// <summary>The WAV readers' size and format bounds (docs/limits.md, "WAV file and stream"), each refused before the work it bounds.</summary>
public sealed class WavLimitsTests
{
    [Test]
    public void A_file_over_the_limit_is_refused_from_its_length()
    {
        string path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"huge-{TestContext.CurrentContext.Test.ID}.wav");
        using (var file = File.Create(path)) file.SetLength(WavReader.MaxFileBytes + 1); // sparse: nothing is written
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<WavFormatException>(() => WavReader.ReadFile(path))!;
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(1 << 20));
        File.Delete(path);
        Assert.That(e.Message, Does.Contain($"{WavReader.MaxFileBytes + 1} bytes is larger than the 256 MB limit"));
    }

    [Test]
    public void A_pipe_is_refused_one_byte_past_the_limit()
    {
        using var pipe = new EndlessWav();
        var e = Assert.Throws<WavFormatException>(() => WavReader.ReadAllBytes(pipe))!;
        Assert.That(e.Message, Does.Contain("more than the 256 MB limit"));
        Assert.That(pipe.BytesRead, Is.LessThanOrEqualTo(WavReader.MaxFileBytes + 64 * 1024));
    }

    [Test]
    public void Channels_beyond_the_limit_are_refused()
    {
        byte[] most = new WavBuilder().Format(1, WavReader.MaxChannels, 8000, 8).Chunk("data", new byte[WavReader.MaxChannels]).Build();
        Assert.That(WavReader.Read(most).Channels, Is.EqualTo(WavReader.MaxChannels));
        byte[] more = new WavBuilder().Format(1, WavReader.MaxChannels + 1, 8000, 8).Chunk("data", new byte[WavReader.MaxChannels + 1]).Build();
        Assert.That(() => WavReader.Read(more), Throws.TypeOf<WavFormatException>().With.Message.Contains($"{WavReader.MaxChannels + 1} channels"));
    }

    [Test]
    public void The_highest_rate_is_read_and_one_more_is_refused()
    {
        byte[] highest = new WavBuilder().Format(1, 1, WavReader.MaxSampleRate, 16).Chunk("data", new byte[4]).Build();
        Assert.That(WavReader.Read(highest).SampleRate, Is.EqualTo(WavReader.MaxSampleRate));
        Assert.That(() => AudioStreamReader.OpenRaw(new MemoryStream(), new WavFormat(WavEncoding.Int16, 1, WavReader.MaxSampleRate + 1)),
            Throws.TypeOf<WavFormatException>());
    }

    /// <summary>A WAV header whose data never ends, counting what was read.</summary>
    private sealed class EndlessWav : ForwardOnlyStream
    {
        private readonly byte[] header = new WavBuilder().Format(1, 1, 8000, 16).Chunk("data", []).Build(declaredDataSize: 0);

        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Clear(buffer, offset, count);
            if (BytesRead < header.Length)
            {
                Array.Copy(header, BytesRead, buffer, offset, (int)Math.Min(header.Length - BytesRead, count));
            }
            BytesRead += count;
            return count;
        }
    }
}
