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

    [Test]
    public void ManyThreadsGiveTheSameReportInTheSameOrderAsOne()
    {
        for (int i = 0; i < 24; i++)
        {
            Clip(i % 3 == 0 ? "down" : "up", $"{i:D2}.wav", (short)((i % 5 - 2) * 3000 + 1));
        }
        EvaluationReport one = FolderEvaluator.Evaluate(() => new MeanSignModel(), root, threads: 1);
        EvaluationReport four = FolderEvaluator.Evaluate(() => new MeanSignModel(), root, threads: 4);
        Assert.That(four.Clips.Select(c => (c.File, c.Expected, c.Predicted, c.Probability)),
            Is.EqualTo(one.Clips.Select(c => (c.File, c.Expected, c.Predicted, c.Probability))));
        Assert.That(four.Confusion, Is.EqualTo(one.Confusion));
        Assert.That(four.PerClass, Is.EqualTo(one.PerClass));
        Assert.That((one.Threads, four.Threads), Is.EqualTo((1, 4)));
        Assert.That(four.ClipsPerSecond, Is.GreaterThan(0));
    }

    [Test]
    public void WithManyThreadsTheFirstBadFileIsTheOneReported()
    {
        for (int i = 0; i < 30; i++)
        {
            Clip("up", $"{i:D2}.wav", 1000);
        }
        File.WriteAllBytes(Path.Combine(root, "up", "07.wav"), [1, 2, 3]);
        File.WriteAllBytes(Path.Combine(root, "up", "19.wav"), [1, 2, 3]);
        for (int run = 0; run < 5; run++)
        {
            var e = Assert.Throws<Kws.Runtime.Audio.WavFormatException>(() => FolderEvaluator.Evaluate(() => new MeanSignModel(), root, threads: 3))!;
            Assert.That(e.Message, Does.Contain("07.wav"));
        }
    }
}

