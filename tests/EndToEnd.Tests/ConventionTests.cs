using System.Text.RegularExpressions;
using Kws.Runtime.Manifest;
using Kws.Tests.Shared;

namespace Kws.EndToEnd.Tests;

/// <summary>The published kws follows the command-line convention of docs/cli.md: help and version on stdout with exit 0.</summary>
public sealed partial class ConventionTests
{
    [TestCase("--help")]
    [TestCase("-h")]
    [TestCase("help")]
    public void HelpListsEveryCommandOnStdout(string flag)
    {
        ProcessResult result = PublishedKws.Run(flag);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.StandardOutput, Does.StartWith("kws "));
            foreach (string command in new[] { "classify", "info", "eval", "detect", "bench" })
            {
                Assert.That(result.StandardOutput, Does.Contain($"\n  {command} "), command);
            }
            Assert.That(result.StandardError, Is.Empty);
        });
    }

    [TestCase("classify")]
    [TestCase("info")]
    [TestCase("eval")]
    [TestCase("detect")]
    [TestCase("bench")]
    public void EveryCommandHasItsUsage(string command)
    {
        ProcessResult result = PublishedKws.Run(command, "--help");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StandardOutput, Does.StartWith("usage: kws "));
    }

    [Test]
    public void VersionNamesTheProductVersionAndTheBakedInModel()
    {
        ModelManifest manifest = ManifestReader.Read(File.ReadAllText(RepositoryPaths.Model("cnn_ptq_model.kws.json")));
        ProcessResult result = PublishedKws.Run("--version");
        string[] lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(lines, Has.Length.EqualTo(2), result.StandardOutput);
            Assert.That(lines[0], Does.Match(VersionLine()));
            Assert.That(lines[1], Is.EqualTo($"model {manifest.Name} {manifest.ContentHash}"));
        });
    }

    [Test]
    public void ClassifyByNameIsTheSameAsTheShortForm()
    {
        string clip = ReferenceSamples.Clips()[0].FullPath;
        ProcessResult named = PublishedKws.Run("classify", clip);
        Assert.That(named.ExitCode, Is.Zero, named.ToString());
        Assert.That(named.StandardOutput, Is.EqualTo(PublishedKws.Run(clip).StandardOutput));
    }

    [GeneratedRegex(@"^kws \d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$")]
    private static partial Regex VersionLine();
}
