using System.Globalization;

namespace Kws.Packaging.Tests;

/// <summary>
/// What the README promises a .NET developer: <c>dotnet new console</c>, the Kws.Runtime package from a feed, the
/// README's KwsModel item and program, <c>dotnet publish</c> with Native AOT; the binary answers as PyTorch does.
/// </summary>
[NonParallelizable]
public sealed class ConsumerAppTests
{
    private const string Project = "MyApp";
    private string _app = "";
    private string _binary = "";
    private ProcessResult _publish = null!;

    [OneTimeSetUp]
    public void PublishAFreshConsoleApp()
    {
        string consumer = Workspace.Folder("consumer");
        NuGetConfig.WriteWithFeed(consumer, LocalFeed.Folder);
        Dotnet.Run(consumer, "new", "console", "-n", Project, "-o", Project);
        _app = Path.Combine(consumer, Project);
        Dotnet.Run(_app, "add", "package", "Kws.Runtime", "--version", LocalFeed.Version);

        Directory.CreateDirectory(Path.Combine(_app, "models"));
        File.Copy(RepositoryPaths.Model("cnn_ptq_model.kws.json"), Path.Combine(_app, "models", "cnn_ptq_model.kws.json"));
        string csproj = Path.Combine(_app, Project + ".csproj");
        string project = File.ReadAllText(csproj);
        project = project.Replace("</PropertyGroup>", """
                <PublishAot>true</PublishAot>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
              </PropertyGroup>
            """, StringComparison.Ordinal);
        project = project.Replace("</Project>", $"""
              <ItemGroup>
                {Readme.KwsModelItem}
              </ItemGroup>
            </Project>
            """, StringComparison.Ordinal);
        File.WriteAllText(csproj, project);
        // The README's program, then one line more to see every log-probability, not only the top label.
        File.WriteAllText(Path.Combine(_app, "Program.cs"), Readme.Program +
            "Console.WriteLine(string.Join(' ', logProbs.Select(p => p.ToString(\"R\", System.Globalization.CultureInfo.InvariantCulture))));\n");

        _publish = Dotnet.Run(_app, "publish", "-c", "Release", "-r", "linux-x64", "-o", "out");
        _binary = Path.Combine(_app, "out", Project);
    }

    [Test]
    public void PublishesANativeBinaryWithoutWarnings()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_publish.StandardOutput, Does.Not.Contain("warning"), _publish.ToString());
            Assert.That(File.Exists(_binary), Is.True, _binary);
            Assert.That(File.ReadAllBytes(_binary)[..4], Is.EqualTo("\u007fELF"u8.ToArray()), "a native executable, not a .NET assembly");
        });
    }

    [Test]
    public void ClassifiesEveryCommittedClipAsPyTorch()
    {
        ReferenceSet references = ReferenceSet.Load("ptq");
        var clips = references.Samples.Where(s => s.File.StartsWith("samples/clips/", StringComparison.Ordinal)).ToList();
        Assert.That(clips, Is.Not.Empty);
        foreach (SampleReference clip in clips)
        {
            ProcessResult run = ProcessRunner.Run(_binary, [clip.FullPath], TimeSpan.FromMinutes(1));
            string[] lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(lines, Has.Length.EqualTo(2), run.ToString());
            float[] logProbs = lines[1].Split(' ').Select(p => float.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            Assert.Multiple(() =>
            {
                Assert.That(lines[0], Is.EqualTo(references.Labels[clip.Argmax]), clip.File);
                // int8: the same codes give the same dequantized logits; allow float log-softmax rounding (as tests/EndToEnd).
                Assert.That(logProbs, Is.EqualTo(clip.LogProbs).Within(1e-4f), clip.File);
            });
        }
    }

    [Test]
    public void TheGeneratedClassIsInTheChosenNamespaceAndStatesThePackageVersion()
    {
        string generated = Directory.EnumerateFiles(Path.Combine(_app, "obj"), "CnnPtqModel.g.cs", SearchOption.AllDirectories).First();
        string source = File.ReadAllText(generated);
        Assert.Multiple(() =>
        {
            Assert.That(source, Does.Contain("namespace MyApp.Models"));
            Assert.That(source, Does.Contain($"[global::System.CodeDom.Compiler.GeneratedCode(\"Kws.Generator\", \"{LocalFeed.Version}\")]"));
        });
    }
}
