using Kws.Runtime.Evaluation;

namespace Kws.Runtime.Tests.Evaluation;

public class ParallelClipsTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(7)]
    public void ResultsComeBackInClipOrderWithOneWorkerStatePerThread(int threads)
    {
        int workers = 0;
        int[] results = ParallelClips.Run(100, threads, () => Interlocked.Increment(ref workers), (worker, i) => i * i);
        Assert.That(results, Is.EqualTo(Enumerable.Range(0, 100).Select(i => i * i)));
        Assert.That(workers, Is.InRange(1, threads));
    }

    [Test]
    public void ProgressCountsEveryClipOnceInOrder()
    {
        var seen = new List<int>();
        ParallelClips.Run(50, 4, () => 0, (_, i) => i, done => seen.Add(done));
        Assert.That(seen, Is.EqualTo(Enumerable.Range(1, 50)));
    }

    [Test]
    public void TheLowestFailingClipIsRethrownWhateverTheScheduling()
    {
        for (int run = 0; run < 20; run++)
        {
            var e = Assert.Throws<InvalidDataException>(() => ParallelClips.Run(200, 4, () => 0, (_, i) =>
                i is 37 or 38 or 150 ? throw new InvalidDataException($"clip {i}") : i))!;
            Assert.That(e.Message, Is.EqualTo("clip 37"));
        }
    }

    [Test]
    public void NoClipsAndBadThreadCounts()
    {
        Assert.That(ParallelClips.Run(0, 4, () => 0, (_, i) => i), Is.Empty);
        Assert.Throws<ArgumentOutOfRangeException>(() => ParallelClips.Run(3, 0, () => 0, (_, i) => i));
    }
}
