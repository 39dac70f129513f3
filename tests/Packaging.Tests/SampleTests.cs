using System.Text.RegularExpressions;

namespace Kws.Packaging.Tests;

/// <summary>
/// samples/KeywordConsole, copied with the folders it points at (<c>../../models</c>, <c>../artifacts/packages</c>) into
/// the workspace, builds from the packages of this run and runs. Built with the JIT: the consumer test already
/// pays for one Native AOT publish.
/// </summary>
[NonParallelizable]
public sealed partial class SampleTests
{
    private static readonly string SampleFolder = Path.Combine(RepositoryPaths.Root, "samples", "KeywordConsole");

    [Test]
    public void KeywordConsoleBuildsFromThePackagesAndClassifies()
    {
        string feed = LocalFeed.Folder;
        Assert.That(feed, Is.EqualTo(Path.Combine(Workspace.Root, "artifacts", "packages")), "where samples/nuget.config looks");
        string samples = Workspace.Folder("samples");
        foreach (string file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "samples")))
        {
            File.Copy(file, Path.Combine(samples, Path.GetFileName(file)));
        }
        string sample = Workspace.Folder("samples", "KeywordConsole");
        foreach (string file in Directory.EnumerateFiles(SampleFolder))
        {
            File.Copy(file, Path.Combine(sample, Path.GetFileName(file)));
        }
        File.Copy(RepositoryPaths.Model("cnn_ptq_model.kws.json"), Path.Combine(Workspace.Folder("models"), "cnn_ptq_model.kws.json"));

        Dotnet.Run(sample, "build", "-c", "Release", $"-p:KwsVersion={LocalFeed.Version}");
        string clip = RepositoryPaths.Model("samples/clips/yes/yes_0.wav");
        ProcessResult run = Dotnet.Run(sample, "run", "--no-build", "-c", "Release", "--", clip);
        Assert.That(run.StandardOutput, Does.Contain($"{clip}  yes "), run.ToString());
    }

    [Test]
    public void TheSampleAndTheReadmeNameTheProductVersion()
    {
        Match sampleVersion = KwsVersionDefault().Match(File.ReadAllText(Path.Combine(SampleFolder, "KeywordConsole.csproj")));
        Assert.Multiple(() =>
        {
            Assert.That(sampleVersion.Success, Is.True, "KeywordConsole.csproj sets a default KwsVersion");
            Assert.That(sampleVersion.Groups[1].Value, Is.EqualTo(RepositoryVersion.Text), "KeywordConsole.csproj's KwsVersion");
            Assert.That(Readme.PackageVersion, Is.EqualTo(RepositoryVersion.Text), "README.md's PackageReference");
        });
    }

    [GeneratedRegex("""<KwsVersion Condition="'\$\(KwsVersion\)' == ''">([^<]+)</KwsVersion>""")]
    private static partial Regex KwsVersionDefault();
}
