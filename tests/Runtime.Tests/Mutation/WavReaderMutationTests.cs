using Kws.Runtime.Audio;
using Kws.Runtime.Tests.Audio;

namespace Kws.Runtime.Tests.Mutation;

/// <summary>Thousands of corrupted WAV files: the reader and the front end either decode them or throw WavFormatException.</summary>
public class WavReaderMutationTests
{
    private static readonly byte[][] Seeds =
    [
        WavBuilder.Pcm16(16000, 1, Enumerable.Range(0, 200).Select(i => (short)(i * 97)).ToArray()),
        WavBuilder.Pcm16(44100, 2, Enumerable.Range(0, 300).Select(i => (short)(i * -31)).ToArray()),
        new WavBuilder().Chunk("LIST", new byte[7]).Format(1, 1, 8000, 8).Chunk("data", new byte[301]).Chunk("JUNK", [1]).Build(),
        new WavBuilder().Format(1, 1, 48000, 24).Chunk("data", new byte[3 * 120]).Build(),
        new WavBuilder().Format(1, 3, 22050, 32).Chunk("data", new byte[4 * 3 * 40]).Build(),
        new WavBuilder().ExtensibleFormat(3, 2, 48000, 32).Chunk("data", new byte[8 * 60]).Build(),
        new WavBuilder().Format(3, 1, 11025, 64).Chunk("data", new byte[8 * 50]).Build(),
    ];

    [Test]
    public void MutatedFilesGiveOnlyWavFormatException()
    {
        MutationRun.Outcome outcome = MutationRun.Run(20_000, seed: 42,
            random => ByteMutator.Mutate(Seeds[random.Next(Seeds.Length)], random),
            file => WavReader.Read(file),
            e => e is WavFormatException,
            TimeSpan.FromSeconds(120));

        Assert.That(outcome.Unexpected, Is.Empty);
        // The mutations must reach both outcomes, or the test proves little.
        Assert.That(outcome.Rejected, Is.GreaterThan(5000));
        Assert.That(outcome.Accepted, Is.GreaterThan(500));
        TestContext.Out.WriteLine($"WAV reader: {outcome.Accepted} accepted, {outcome.Rejected} rejected in {outcome.Elapsed}");
    }

    [Test]
    public void MutatedFilesThroughTheWholeFrontEndGiveOnlyWavFormatException()
    {
        var frontEnd = new AudioFrontEnd(8000, 8000);
        var input = new float[8000];
        MutationRun.Outcome outcome = MutationRun.Run(3000, seed: 7,
            random => ByteMutator.Mutate(Seeds[random.Next(Seeds.Length)], random),
            file => frontEnd.Prepare(file, input),
            e => e is WavFormatException,
            TimeSpan.FromSeconds(300));

        Assert.That(outcome.Unexpected, Is.Empty);
        Assert.That(outcome.Accepted, Is.GreaterThan(100));
        TestContext.Out.WriteLine($"front end: {outcome.Accepted} accepted, {outcome.Rejected} rejected in {outcome.Elapsed}");
    }
}
