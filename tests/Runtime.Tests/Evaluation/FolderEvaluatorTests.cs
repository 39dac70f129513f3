using Kws.Runtime.Evaluation;
using Kws.Runtime.Tests.Audio;

namespace Kws.Runtime.Tests.Evaluation;

public class FolderEvaluatorTests
{
    private string root = "";

    [SetUp]
    public void CreateFolder() => root = Directory.CreateTempSubdirectory("kws-eval-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(root, recursive: true);

    private void Clip(string label, string name, short value)
    {
        Directory.CreateDirectory(Path.Combine(root, label));
        File.WriteAllBytes(Path.Combine(root, label, name), WavBuilder.Pcm16(16000, 1, Enumerable.Repeat(value, 16000).ToArray()));
    }

    [Test]
    public void CountsAccuracyPerClassAndTheConfusionMatrix()
    {
        Clip("up", "1.wav", 16000);
        Clip("up", "2.wav", 16000);
        Clip("up", "3.wav", -16000);
        Clip("down", "1.wav", -16000);

        EvaluationReport report = FolderEvaluator.Evaluate(new MeanSignModel(), root);

        Assert.That(report.Clips, Has.Count.EqualTo(4));
        Assert.That(report.Accuracy, Is.EqualTo(0.75));
        Assert.That(report.PerClass.Select(c => (c.Label, c.Clips, c.Correct)),
            Is.EqualTo(new[] { ("down", 1, 1), ("other", 0, 0), ("up", 3, 2) }));
        Assert.That(report.Confusion[2, 0], Is.EqualTo(1), "one up clip taken for down");
        Assert.That(report.Confusion[2, 2], Is.EqualTo(2));
        Assert.That(report.Confusion[0, 0], Is.EqualTo(1));
        Assert.That(report.Clips.Single(c => !c.Correct).File, Is.EqualTo(Path.Combine("up", "3.wav")));
        Assert.That(report.MedianMicroseconds, Is.GreaterThan(0));
        Assert.That(report.P95Microseconds, Is.GreaterThanOrEqualTo(report.MedianMicroseconds));
    }

    [Test]
    public void AFolderThatIsNotALabelIsAClearError()
    {
        Clip("sideways", "1.wav", 0);
        var e = Assert.Throws<EvaluationException>(() => FolderEvaluator.Evaluate(new MeanSignModel(), root))!;
        Assert.That(e.Message, Does.Contain("\"sideways\" is not one of the model's 3 labels"));
    }

    [Test]
    public void AnEmptyOrMissingFolderIsAClearError()
    {
        Assert.That(Assert.Throws<EvaluationException>(() => FolderEvaluator.Evaluate(new MeanSignModel(), root))!.Message,
            Does.Contain("no WAV files"));
        Assert.That(Assert.Throws<EvaluationException>(() => FolderEvaluator.Evaluate(new MeanSignModel(), root + "-missing"))!.Message,
            Does.Contain("no such folder"));
    }
}
