using Kws.Runtime.Detection;
using Kws.Runtime.Tests.Evaluation;

namespace Kws.Runtime.Tests.Detection;

public class KeywordDetectorTests
{
    /// <summary>8 kHz: quiet noise, with a burst of +0.5 ("up") and later of -0.5 ("down"), each 0.6 s long.</summary>
    private static float[] Recording()
    {
        var random = new Random(5);
        var x = new float[8000 * 8];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (float)(random.NextDouble() - 0.5) * 0.1f;
        }
        for (int i = 16000; i < 16000 + 4800; i++) x[i] += 0.5f;
        for (int i = 40000; i < 40000 + 4800; i++) x[i] -= 0.5f;
        return x;
    }

    [Test]
    public void FindsEachWordOnceNearWhereItIs()
    {
        IReadOnlyList<Kws.Runtime.Detection.Detection> found = new KeywordDetector(new MeanSignModel()).Detect(Recording());
        Assert.That(found.Select(d => d.Word), Is.EqualTo(new[] { "up", "down" }));
        // Bursts at 2.0-2.6 s and 5.0-5.6 s; a 1 s window centred within about half a second of the burst detects it.
        Assert.That(found[0].Seconds, Is.InRange(1.5, 3.1));
        Assert.That(found[1].Seconds, Is.InRange(4.5, 6.1));
        Assert.That(found.All(d => d.Score >= 0.5f));
    }

    [Test]
    public void RecognizerSuppressesRepeatsAndNeedsEnoughLooks()
    {
        var recognizer = new CommandRecognizer(["a", "b"], new DetectorOptions { MinimumCount = 2, SuppressionSeconds = 1.0, Threshold = 0.6f });
        float[] a = [0.9f, 0.1f];
        Assert.That(recognizer.Process(a, 0.0), Is.Null, "one look is not enough");
        Assert.That(recognizer.Process(a, 0.1), Is.EqualTo(new Kws.Runtime.Detection.Detection("a", 0.0, 0.9f)));
        Assert.That(recognizer.Process(a, 0.2), Is.Null, "same word within the suppression time");
        Assert.That(recognizer.Process(a, 1.0), Is.Null, "still the same word: suppression extends to 1.0 s");
        Assert.That(recognizer.Process([0.1f, 0.9f], 2.5), Is.Null, "one look after a gap");
        Assert.That(recognizer.Process(a, 2.6)?.Word, Is.Null, "averages to 0.5, below the threshold");
        Assert.That(recognizer.Process(a, 3.0)?.Word, Is.EqualTo("a"), "same word, 2 s after it was last on top");
    }

    [Test]
    public void RecognizerAveragesOverItsWindowAndRespectsTheThreshold()
    {
        var recognizer = new CommandRecognizer(["a", "b"], new DetectorOptions { MinimumCount = 2, Threshold = 0.7f, AverageWindowSeconds = 0.5 });
        Assert.That(recognizer.Process([0.9f, 0.1f], 0.0), Is.Null);
        Assert.That(recognizer.Process([0.4f, 0.6f], 0.1), Is.Null, "average 0.65 is below the threshold");
        Assert.That(recognizer.Process([0.9f, 0.1f], 0.6)?.Word, Is.Null, "the first two looks have left the 0.5 s window: one look is not enough");
        Assert.That(recognizer.Process([0.9f, 0.1f], 0.7)?.Word, Is.EqualTo("a"));
        Assert.Throws<ArgumentException>(() => recognizer.Process([0.5f, 0.5f], 0.1));
    }
}
