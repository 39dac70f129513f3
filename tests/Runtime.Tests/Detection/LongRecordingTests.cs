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
        var detector = new KeywordDetector(InterpretedModel.Load(RepositoryPaths.Model("cnn_ptq_model.kws.json")));
        var total = new DetectionScore(0, 0, 0);
        foreach (LongRecording recording in ReferenceSamples.LongRecordings())
        {
            IReadOnlyList<Kws.Runtime.Detection.Detection> detections = detector.DetectFile(recording.FullPath);
            var spoken = recording.Words.Select(w => new Kws.Runtime.Detection.SpokenWord(w.Word, w.Start, w.End)).ToList();
            DetectionScore score = DetectionScore.Of(detections, spoken);
            total += score;
            TestContext.Out.WriteLine($"{recording.File}: {score.Hits}/{score.Words} words; heard " +
                string.Join(", ", detections.Select(d => $"{d.Word}@{d.Seconds:F1}s({d.Score:F2})")));
        }
        TestContext.Out.WriteLine($"total: {total.Hits}/{total.Words} words found, {total.FalseAlarms} false alarms");
        Assert.That(total.Words, Is.GreaterThan(0));
        // Measured with the defaults: 11 of 14 words, 1 false alarm.
        Assert.That((double)total.Hits / total.Words, Is.GreaterThanOrEqualTo(0.7));
        Assert.That(total.FalseAlarms, Is.LessThanOrEqualTo(3));
    }
}
