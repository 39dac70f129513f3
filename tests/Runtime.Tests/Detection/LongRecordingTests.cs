using Kws.Runtime.Detection;
using Kws.Runtime.Interpretation;
using Kws.Tests.Shared;

namespace Kws.Runtime.Tests.Detection;

/// <summary>
/// Streaming detection with the bundled PTQ model on the committed long recordings (models/samples/long), scored
/// against their ground truth: a detection is a hit when it names a spoken word and falls within half a second of it.
/// </summary>
public class LongRecordingTests
{
    [Test]
    public void FindsMostSpokenWordsWithFewFalseAlarms()
    {
        string manifest = RepositoryPaths.Model("cnn_ptq_model.kws.json");
        if (!File.Exists(manifest) || !Directory.Exists(Path.Combine(RepositoryPaths.Samples, "long")))
        {
            Assert.Fail("the PTQ manifest or models/samples/long is missing: both are committed");
        }
        var detector = new KeywordDetector(InterpretedModel.Load(manifest));
        int spoken = 0, found = 0, falseAlarms = 0;
        foreach (LongRecording recording in ReferenceSamples.LongRecordings())
        {
            IReadOnlyList<Kws.Runtime.Detection.Detection> detections = detector.DetectFile(recording.FullPath);
            var matched = new HashSet<SpokenWord>();
            foreach (Kws.Runtime.Detection.Detection d in detections)
            {
                SpokenWord? hit = recording.Words.FirstOrDefault(w =>
                    w.Word == d.Word && !matched.Contains(w) && d.Seconds >= w.Start - 0.5 && d.Seconds <= w.End + 0.5);
                if (hit is null)
                {
                    falseAlarms++;
                }
                else
                {
                    matched.Add(hit);
                }
            }
            spoken += recording.Words.Count;
            found += matched.Count;
            TestContext.Out.WriteLine($"{recording.File}: {matched.Count}/{recording.Words.Count} words; heard " +
                string.Join(", ", detections.Select(d => $"{d.Word}@{d.Seconds:F1}s({d.Score:F2})")));
        }
        TestContext.Out.WriteLine($"total: {found}/{spoken} words found, {falseAlarms} false alarms");
        Assert.That(spoken, Is.GreaterThan(0));
        // Measured with the defaults: 11 of 14 words, 1 false alarm.
        Assert.That((double)found / spoken, Is.GreaterThanOrEqualTo(0.7));
        Assert.That(falseAlarms, Is.LessThanOrEqualTo(3));
    }
}
