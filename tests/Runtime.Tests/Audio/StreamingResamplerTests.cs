using Kws.Runtime.Audio;

namespace Kws.Runtime.Tests.Audio;

/// <summary>Streamed resampling, concatenated, is the whole recording's resampling, bit for bit, however it is split.</summary>
public class StreamingResamplerTests
{
    [TestCase(16000, 8000)]
    [TestCase(44100, 8000)]
    [TestCase(48000, 8000)]
    [TestCase(22050, 8000)]
    [TestCase(11025, 8000)]
    [TestCase(8000, 16000)]
    [TestCase(8000, 8000)]
    [TestCase(7919, 8000)]
    [TestCase(2, 8000)]
    [TestCase(999_983, 8000)]
    public void RandomChunksGiveTheWholeRecordingsBits(int origRate, int newRate)
    {
        var resampler = new SincResampler(origRate, newRate);
        float[] input = SincResamplerTests.Signal(Math.Max(37, origRate * 3 / 4), seed: 11);
        float[] whole = resampler.Resample(input);
        var random = new Random(origRate);
        foreach (int chunkSamples in new[] { 1, 97, 8192 })
        {
            var stream = new StreamingResampler(resampler, chunkSamples);
            var streamed = new List<float>();
            for (int at = 0; at < input.Length;)
            {
                // Pieces of one sample, a few, and more than the resampler takes at once.
                int piece = Math.Min(input.Length - at, random.Next(4) switch { 0 => 1, 1 => random.Next(1, 16), _ => random.Next(1, 3 * chunkSamples + 2) });
                var output = new float[stream.MaxOutputLength(piece)];
                streamed.AddRange(output.AsSpan(0, stream.Write(input.AsSpan(at, piece), output)).ToArray());
                at += piece;
            }
            var rest = new float[stream.MaxFinishLength];
            streamed.AddRange(rest.AsSpan(0, stream.Finish(rest)).ToArray());
            Assert.That(streamed, Has.Count.EqualTo(whole.Length), $"chunk {chunkSamples}");
            Assert.That(streamed.Select(BitConverter.SingleToInt32Bits), Is.EqualTo(whole.Select(BitConverter.SingleToInt32Bits)), $"chunk {chunkSamples}");
        }
    }

    [Test]
    public void ShortRecordingsComeOutWholeAtTheEnd()
    {
        var resampler = new SincResampler(16000, 8000);
        float[] input = SincResamplerTests.Signal(5, seed: 2);
        var stream = new StreamingResampler(resampler);
        var output = new float[stream.MaxOutputLength(5) + stream.MaxFinishLength];
        int n = stream.Write(input, output);
        n += stream.Finish(output.AsSpan(n));
        Assert.That(output[..n], Is.EqualTo(resampler.Resample(input)));
    }

    [Test]
    public void StreamingAllocatesNothingPerChunkAndHoldsAFixedHistory()
    {
        var stream = new StreamingResampler(new SincResampler(44100, 8000), chunkSamples: 4096);
        float[] chunk = SincResamplerTests.Signal(4096, seed: 3);
        var output = new float[stream.MaxOutputLength(chunk.Length)];
        for (int i = 0; i < 20; i++)
        {
            stream.Write(chunk, output);
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 2000; i++)  // more than three minutes of audio
        {
            stream.Write(chunk, output);
        }
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}
