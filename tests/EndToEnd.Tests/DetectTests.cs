using System.Text.Json;
using Kws.Tests.Shared;

namespace Kws.EndToEnd.Tests;

/// <summary><c>kws detect</c> on the committed long recordings, scored against their ground truth.</summary>
public sealed class DetectTests
{
    // A detection counts for a spoken word when it names the word and falls within the word's span widened by this
    // much: the detector reports the centre of a 1 s window, averaged over 0.5 s.
    private const double ToleranceSeconds = 1.0;

    [Test]
    public void FindsMostSpokenWordsAtTheirTimes()
    {
        var recordings = ReferenceSamples.LongRecordings();
        Assert.That(recordings, Is.Not.Empty);
        int words = 0, found = 0, detections = 0, correctDetections = 0;
        foreach (LongRecording recording in recordings)
        {
            using JsonDocument output = KwsJson.Object(PublishedKws.Run("detect", recording.File, "--json"));
            var detected = output.RootElement.GetProperty("detections").EnumerateArray()
                .Select(d => (Label: d.GetProperty("label").GetString()!, Seconds: d.GetProperty("seconds").GetDouble()))
                .ToList();
            Assert.That(output.RootElement.GetProperty("file").GetString(), Is.EqualTo(recording.File));
            words += recording.Words.Count;
            found += recording.Words.Count(w => detected.Any(d => Matches(d, w)));
            detections += detected.Count;
            correctDetections += detected.Count(d => recording.Words.Any(w => Matches(d, w)));
        }
        TestContext.Out.WriteLine($"{found}/{words} words found, {correctDetections}/{detections} detections correct");
        Assert.Multiple(() =>
        {
            // The PTQ model is right on about three clips in four; detection over a whole recording should do as well.
            Assert.That(found, Is.GreaterThanOrEqualTo(words / 2), "recall");
            Assert.That(correctDetections, Is.GreaterThanOrEqualTo(detections / 2), "precision");
        });
    }

    [Test]
    public void TextOutputListsOneLinePerKeyword()
    {
        LongRecording recording = ReferenceSamples.LongRecordings()[0];
        ProcessResult text = PublishedKws.Run("detect", recording.File);
        using JsonDocument json = KwsJson.Object(PublishedKws.Run("detect", recording.File, "--json"));
        Assert.That(text.ExitCode, Is.Zero, text.ToString());
        string[] lines = text.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Does.StartWith(recording.File + ":"));
            Assert.That(lines.Skip(1).Count(), Is.EqualTo(json.RootElement.GetProperty("detections").GetArrayLength()));
        });
    }

    private static bool Matches((string Label, double Seconds) detection, SpokenWord word) =>
        detection.Label == word.Word && detection.Seconds >= word.Start - ToleranceSeconds && detection.Seconds <= word.End + ToleranceSeconds;
}
