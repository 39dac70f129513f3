using Kws.Tests.Shared;

namespace Kws.EndToEnd.Tests;

/// <summary>Every way a user can hand kws something unusable ends in one line on stderr and a non-zero exit, never a stack trace.</summary>
public sealed class BadInputTests
{
    private string _scratch = "";

    [OneTimeSetUp]
    public void CreateScratch()
    {
        _scratch = Directory.CreateTempSubdirectory("kws-bad-input-").FullName;
    }

    [OneTimeTearDown]
    public void DeleteScratch() => Directory.Delete(_scratch, recursive: true);

    [Test]
    public void MissingFile() =>
        AssertOneLineError(PublishedKws.Run(Path.Combine(_scratch, "nope.wav")), 1, "no such file");

    [Test]
    public void EmptyFile() => AssertOneLineError(PublishedKws.Run(Write("empty.wav", [])), 1, "empty");

    [Test]
    public void DirectoryInsteadOfFile() => AssertOneLineError(PublishedKws.Run(_scratch), 1, "directory");

    [Test]
    public void TextFileNamedWav() =>
        AssertOneLineError(PublishedKws.Run(Write("notes.wav", "these are not audio samples\n"u8.ToArray())), 1, "");

    [Test]
    public void RiffFileThatIsNotWave() =>
        AssertOneLineError(PublishedKws.Run(Write("avi.wav", [.. "RIFF"u8, 4, 0, 0, 0, .. "AVI "u8])), 1, "");

    [Test]
    public void HeaderCutShort() =>
        AssertOneLineError(PublishedKws.Run(Write("header-cut.wav", FirstClipBytes()[..30])), 1, "");

    [Test]
    public void DataCutShort()
    {
        // The header promises a full second; only part of the data chunk is there.
        byte[] clip = FirstClipBytes();
        AssertOneLineError(PublishedKws.Run(Write("data-cut.wav", clip[..(clip.Length / 2)])), 1, "");
    }

    [Test]
    public void EmptyStandardInput() => AssertOneLineError(PublishedKws.RunWithInput([], "-"), 1, "empty");

    [Test]
    public void StandardInputTwice() => AssertOneLineError(PublishedKws.Run("-", "-"), 2, "once");

    [Test]
    public void OneBadFileAmongGoodOnesFailsTheRun() =>
        AssertOneLineError(PublishedKws.Run(ReferenceSamples.Clips()[0].FullPath, Path.Combine(_scratch, "nope.wav")), 1, "nope.wav");

    [TestCase("--frobnicate")]
    [TestCase("-x")]
    public void UnknownOptionForClassify(string option) =>
        AssertOneLineError(PublishedKws.Run(ReferenceSamples.Clips()[0].FullPath, option), 2, option);

    [TestCase("info", "--frobnicate")]
    [TestCase("eval", "--frobnicate")]
    [TestCase("detect", "--frobnicate")]
    [TestCase("bench", "--frobnicate")]
    public void UnknownOptionForCommand(string command, string option) =>
        AssertOneLineError(PublishedKws.Run(command, option), 2, option);

    [TestCase("--top")]
    [TestCase("--top", "0")]
    [TestCase("--top", "three")]
    [TestCase("--manifest")]
    public void BadOptionValue(params string[] options) =>
        AssertOneLineError(PublishedKws.Run([ReferenceSamples.Clips()[0].FullPath, .. options]), 2, options[0]);

    [Test]
    public void NoArguments() => AssertOneLineError(PublishedKws.Run(), 2, "--help");

    [TestCase("eval")]
    [TestCase("detect")]
    public void CommandWithoutItsArgument(string command) => AssertOneLineError(PublishedKws.Run(command), 2, $"{command}: expected");

    [Test]
    public void EvalOnMissingFolder() =>
        AssertOneLineError(PublishedKws.Run("eval", Path.Combine(_scratch, "no-such-folder")), 1, "no-such-folder");

    [Test]
    public void DetectOnMissingFile() =>
        AssertOneLineError(PublishedKws.Run("detect", Path.Combine(_scratch, "nope.wav")), 1, "no such file");

    [Test]
    public void MissingManifest() =>
        AssertOneLineError(PublishedKws.Run(ReferenceSamples.Clips()[0].FullPath, "--manifest", Path.Combine(_scratch, "m.kws.json")), 1, "m.kws.json");

    [Test]
    public void ManifestThatIsNotJson() =>
        AssertOneLineError(PublishedKws.Run(ReferenceSamples.Clips()[0].FullPath, "--manifest", Write("bad.kws.json", "{ not json"u8.ToArray())), 1, "bad.kws.json");

    [Test]
    public void ManifestEditedAfterExport()
    {
        string text = File.ReadAllText(RepositoryPaths.Model("cnn_ptq_model.kws.json"));
        string edited = text.Replace("\"sampleRate\": 8000", "\"sampleRate\": 8001", StringComparison.Ordinal);
        Assert.That(edited, Is.Not.EqualTo(text), "the edit must change the manifest");
        AssertOneLineError(PublishedKws.Run(ReferenceSamples.Clips()[0].FullPath, "--manifest", Write("edited.kws.json", System.Text.Encoding.UTF8.GetBytes(edited))), 1, "hash");
    }

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_scratch, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] FirstClipBytes() => File.ReadAllBytes(ReferenceSamples.Clips()[0].FullPath);

    private static void AssertOneLineError(ProcessResult result, int exitCode, string mention)
    {
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.ToString());
            Assert.That(result.ErrorLines, Has.Length.EqualTo(1), result.ToString());
            Assert.That(result.StandardError, Does.StartWith("kws: error: "), result.ToString());
            Assert.That(result.StandardError, Does.Contain(mention), result.ToString());
            Assert.That(result.StandardError, Does.Not.Contain("   at "), "no stack trace");
            Assert.That(result.StandardOutput, Is.Empty, "nothing on stdout when the run fails");
        });
    }
}
