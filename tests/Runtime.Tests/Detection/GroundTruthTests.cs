using Kws.Runtime.Detection;

namespace Kws.Runtime.Tests.Detection;

/// <summary>The --truth file of kws detect: read within its limit, every problem one <see cref="InvalidDataException"/>.</summary>
public sealed class GroundTruthTests
{
    /// <summary>Found by the hostile sweep: <c>kws detect x.wav --truth /dev/zero</c> read without end (only a regular file's length was checked).</summary>
    [Test]
    public void Sweep_finding_a_truth_file_of_dev_zero_stops_at_its_limit()
    {
        var e = Assert.Throws<InvalidDataException>(() => GroundTruth.Read("/dev/zero"))!;
        Assert.That(e.Message, Does.Contain($"more than the {GroundTruth.MaxBytes}-byte limit for a ground-truth file"));
    }

    [Test]
    public void A_committed_truth_file_reads()
    {
        string path = Path.Combine(Kws.Tests.Shared.RepositoryPaths.Samples, "long", "long_0.json");
        Assert.That(GroundTruth.Read(path), Is.Not.Empty);
    }

    [TestCase("{\"words\": [{\"word\": \"yes\"}]}")]
    [TestCase("[[[[[[[[[[[[]]]]]]]]]]]]")]
    [TestCase("not json")]
    public void A_bad_truth_file_is_one_error(string text)
    {
        string path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"truth-{TestContext.CurrentContext.Test.ID}.json");
        File.WriteAllText(path, text);
        Assert.That(() => GroundTruth.Read(path), Throws.TypeOf<InvalidDataException>().With.Message.StartsWith(path));
        File.Delete(path);
    }
}
