using Kws.Runtime.Manifest;

namespace Kws.Packaging.Tests;

/// <summary>
/// kwsc as the README installs it: the Kws.Compiler package from the feed, as a tool on a path (what --global does,
/// without touching the machine's own tools) and as a local tool of a tool manifest; then on a committed checkpoint.
/// </summary>
[NonParallelizable]
public sealed class CompilerToolTests
{
    private string _tools = "";
    private string _kwsc = "";

    [OneTimeSetUp]
    public void InstallTheTool()
    {
        _tools = Workspace.Folder("tools");
        Dotnet.Run(_tools, "tool", "install", "Kws.Compiler", "--version", LocalFeed.Version, "--add-source", LocalFeed.Folder, "--tool-path", _tools);
        _kwsc = Path.Combine(_tools, "kwsc");
    }

    [Test]
    public void VersionIsThePackageVersion()
    {
        ProcessResult run = Kwsc("--version");
        Assert.That(run.StandardOutput, Is.EqualTo($"kwsc {LocalFeed.Version}\n"));
    }

    [Test]
    public void InspectListsTheCommittedCheckpoint()
    {
        ProcessResult run = Kwsc("inspect", RepositoryPaths.Model("cnn_ptq_model.pth"));
        Assert.That(run.StandardOutput, Does.StartWith("cnn_ptq_model.pth has 22 keys:\nconv1.weight torch.qint8 torch.Size([32, 1, 80])\n"));
    }

    [Test]
    public void ExportWritesTheCommittedManifestStampedWithThisVersion()
    {
        string output = Path.Combine(Workspace.Folder("export"), "cnn_ptq_model.kws.json");
        Kwsc("export", RepositoryPaths.Model("cnn_ptq_model.pth"), "--config", RepositoryPaths.Model("configs/cnn_ptq.yaml"), "-o", output);

        ModelManifest exported = ManifestReader.Read(File.ReadAllText(output));
        string committedText = File.ReadAllText(RepositoryPaths.Model("cnn_ptq_model.kws.json"));
        ModelManifest committed = ManifestReader.Read(committedText);
        Assert.That(exported.Compiler, Is.EqualTo($"kwsc {LocalFeed.Version}"));
        // Apart from the compiler field (and so the hash), the very manifest the repository's kwsc wrote.
        var restamped = new ModelManifest(exported.Name, exported.Source, committed.Compiler, exported.Labels,
            exported.SampleRate, exported.InputLength, exported.Layers);
        Assert.That(ManifestWriter.Write(restamped), Is.EqualTo(committedText));
    }

    [Test]
    public void InstallsAsALocalToolToo()
    {
        string repository = Workspace.Folder("local-tool");
        Dotnet.Run(repository, "new", "tool-manifest");
        Dotnet.Run(repository, "tool", "install", "Kws.Compiler", "--version", LocalFeed.Version, "--add-source", LocalFeed.Folder);
        ProcessResult run = Dotnet.Run(repository, "tool", "run", "kwsc", "--", "--version");
        Assert.That(run.StandardOutput, Is.EqualTo($"kwsc {LocalFeed.Version}\n"));
    }

    private ProcessResult Kwsc(params string[] arguments)
    {
        ProcessResult run = ProcessRunner.Run(_kwsc, arguments, TimeSpan.FromMinutes(2), Workspace.Root);
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardError, Is.Empty, run.ToString());
        return run;
    }
}
