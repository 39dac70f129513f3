using System.Text.Json;
using Kws.Tests.Shared;

namespace Kws.EndToEnd.Tests;

/// <summary><c>kws eval</c> on the committed clips folder agrees, file for file, with PyTorch's references.</summary>
public sealed class EvalTests
{
    [Test]
    public void AccuracyAndConfusionMatchPyTorchsPredictions()
    {
        ReferenceSet references = ReferenceSet.Load("ptq");
        var clips = ReferenceSamples.Clips();
        var expected = new int[references.Labels.Count, references.Labels.Count];
        foreach (LabelledClip clip in clips)
        {
            expected[references.Labels.ToList().IndexOf(clip.Label), references.Sample(clip.File).Argmax]++;
        }
        int correct = clips.Count(c => references.Sample(c.File).Predicted == c.Label);

        using JsonDocument report = KwsJson.Object(PublishedKws.Run("eval", "samples/clips", "--json"));
        JsonElement root = report.RootElement;
        int[][] matrix = root.GetProperty("confusion").GetProperty("matrix").EnumerateArray()
            .Select(row => row.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("files").GetInt32(), Is.EqualTo(clips.Count));
            Assert.That(root.GetProperty("correct").GetInt32(), Is.EqualTo(correct));
            Assert.That(root.GetProperty("accuracy").GetDouble(), Is.EqualTo((double)correct / clips.Count).Within(1e-12));
            Assert.That(root.GetProperty("confusion").GetProperty("labels").EnumerateArray().Select(l => l.GetString()),
                Is.EqualTo(references.Labels));
            for (int t = 0; t < references.Labels.Count; t++)
            {
                Assert.That(matrix[t], Is.EqualTo(Enumerable.Range(0, references.Labels.Count).Select(p => expected[t, p])),
                    $"confusion row of {references.Labels[t]}");
            }
            Assert.That(root.GetProperty("medianInferenceMicroseconds").GetDouble(), Is.GreaterThan(0));
            Assert.That(root.GetProperty("weightBytes").GetInt64(), Is.GreaterThan(0));
            Assert.That(root.GetProperty("threads").GetInt32(), Is.EqualTo(Math.Min(Environment.ProcessorCount, clips.Count)), "every core");
            Assert.That(root.GetProperty("clipsPerSecond").GetDouble(), Is.GreaterThan(0));
        });
    }

    [Test]
    public void TextReportShowsTheSeedsTable()
    {
        ProcessResult result = PublishedKws.Run("eval", "samples/clips");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(result.StandardOutput, Does.Match(@"model size\s+\d+\.\d\d KB"));
            Assert.That(result.StandardOutput, Does.Match(@"accuracy\s+\d+\.\d\d% \(\d+/\d+ files\)"));
            Assert.That(result.StandardOutput, Does.Match(@"inference time\s+\d+\.\d+ ms median"));
            Assert.That(result.StandardOutput, Does.Contain("confusion matrix"));
            // stderr is not a terminal here: no progress bar.
            Assert.That(result.StandardError, Is.Empty);
        });
    }

    [Test]
    public void FolderNamedAfterNoLabelIsRefused()
    {
        string root = Directory.CreateTempSubdirectory("kws-eval-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "banana"));
            ProcessResult result = PublishedKws.Run("eval", root);
            Assert.Multiple(() =>
            {
                Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
                Assert.That(result.StandardError, Does.Contain("\"banana\" is not one of the model's"));
            });
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
