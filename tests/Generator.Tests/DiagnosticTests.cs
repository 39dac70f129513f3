using Kws.Generator.Tests.Harness;
using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;
using Microsoft.CodeAnalysis;

namespace Kws.Generator.Tests;

/// <summary>Every diagnostic by ID and location (the manifest file, at the value at fault); the generator never throws.</summary>
public class DiagnosticTests
{
    private const string Path = "/project/models/tiny.kws.json";

    private static string Valid => ManifestWriter.Write(TestModels.TinyInt8());

    [Test]
    public void TruncatedJsonIsKws0001()
    {
        string truncated = Valid.Substring(0, Valid.IndexOf("\"labels\"", StringComparison.Ordinal));
        Diagnostic diagnostic = SingleDiagnostic(truncated);
        AssertAt(diagnostic, "KWS0001", truncated.Count(c => c == '\n'));
        Assert.That(diagnostic.GetMessage(), Does.Contain("not valid JSON"));
    }

    [Test]
    public void UnknownFormatVersionIsKws0002()
    {
        string text = Valid.Replace("\"formatVersion\": 1", "\"formatVersion\": 7");
        Diagnostic diagnostic = SingleDiagnostic(text);
        AssertAt(diagnostic, "KWS0002", LineOf(text, "\"formatVersion\": 7"));
        Assert.That(diagnostic.GetMessage(), Does.Contain("re-export"));
    }

    [Test]
    public void UnknownLayerOpIsKws0003()
    {
        string text = Valid.Replace("\"op\": \"maxpool1d\"", "\"op\": \"lstm\"");
        Diagnostic diagnostic = SingleDiagnostic(text);
        AssertAt(diagnostic, "KWS0003", LineOf(text, "\"op\": \"lstm\""));
        Assert.That(diagnostic.GetMessage(), Does.Contain("lstm"));
    }

    [Test]
    public void InconsistentShapesAreKws0004AtTheLayer()
    {
        ModelManifest tiny = TestModels.TinyInt8();
        var layers = tiny.Layers.ToList();
        var pool = (MaxPool1dLayer)layers[2];
        layers[2] = new MaxPool1dLayer(pool.Name, pool.Channels, pool.KernelSize, pool.Stride, pool.InputLength, pool.OutputLength + 1);
        string text = ManifestWriter.Write(new ModelManifest(tiny.Name, tiny.Source, tiny.Compiler, tiny.Labels, tiny.SampleRate, tiny.InputLength, layers));
        Diagnostic diagnostic = SingleDiagnostic(text);
        AssertAt(diagnostic, "KWS0004", LineOf(text, "\"op\": \"maxpool1d\""));
        Assert.That(diagnostic.GetMessage(), Does.Contain("output length"));
    }

    [Test]
    public void EditedManifestIsKws0005AtTheHash()
    {
        string text = Valid.Replace("\"relu\": true", "\"relu\": false");
        Diagnostic diagnostic = SingleDiagnostic(text);
        AssertAt(diagnostic, "KWS0005", LineOf(text, "\"contentHash\""));
        Assert.That(diagnostic.GetMessage(), Does.Contain("kwsc export"));
    }

    [Test]
    public void TwoManifestsWithOneNameAreKws0006AndOnlyTheFirstIsGenerated()
    {
        GeneratorOutcome outcome = GeneratorHarness.Run(("/p/a.kws.json", Valid), ("/p/b.kws.json", Valid));
        Diagnostic diagnostic = outcome.GeneratorDiagnostics.Single();
        Assert.That(diagnostic.Id, Is.EqualTo("KWS0006"));
        Assert.That(diagnostic.Location.GetLineSpan().Path, Is.EqualTo("/p/b.kws.json"));
        Assert.That(diagnostic.GetMessage(), Does.Contain("a.kws.json"));
        Assert.That(outcome.RunResult.Results.Single().GeneratedSources.Select(s => s.HintName),
            Is.EquivalentTo(new[] { "TinyInt8.g.cs", "GeneratedModels.g.cs" }));
    }

    [Test]
    public void OtherAdditionalFilesAreIgnored()
    {
        GeneratorOutcome outcome = GeneratorHarness.Run(("/p/notes.json", "{ not a manifest"), ("/p/readme.txt", "hello"));
        Assert.That(outcome.GeneratorDiagnostics, Is.Empty);
        Assert.That(outcome.RunResult.Results.Single().GeneratedSources, Is.Empty);
    }

    [Test]
    public void MangledManifestsGiveDiagnosticsNeverExceptions()
    {
        var rng = new Random(11);
        string valid = Valid;
        var manifests = new List<(string, string)>();
        for (int n = 0; n < 150; n++)
        {
            char[] text = valid.ToCharArray();
            int edits = rng.Next(1, 4);
            for (int e = 0; e < edits; e++)
            {
                text[rng.Next(text.Length)] = "{}[],:\"0123456789-+eE.aZ \n\\"[rng.Next(27)];
            }
            string mangled = new string(text);
            manifests.Add(($"/fuzz/m{n}.kws.json", rng.Next(5) == 0 ? mangled.Substring(0, rng.Next(mangled.Length)) : mangled));
        }
        GeneratorOutcome outcome = GeneratorHarness.Run(manifests.ToArray());
        GeneratorRunResult result = outcome.RunResult.Results.Single();
        Assert.That(result.Exception, Is.Null);
        Assert.That(outcome.GeneratorDiagnostics.Select(d => d.Id), Has.None.EqualTo("KWS0007"), string.Join("\n", outcome.GeneratorDiagnostics));
        int generated = result.GeneratedSources.Count(s => s.HintName != "GeneratedModels.g.cs");
        Assert.That(outcome.GeneratorDiagnostics.Length + generated, Is.GreaterThanOrEqualTo(manifests.Count),
            "every manifest either generates a model or reports why not");
    }

    private static Diagnostic SingleDiagnostic(string text)
    {
        GeneratorOutcome outcome = GeneratorHarness.Run((Path, text));
        Assert.That(outcome.RunResult.Results.Single().Exception, Is.Null);
        Assert.That(outcome.RunResult.Results.Single().GeneratedSources.Select(s => s.HintName), Has.None.EqualTo("TinyInt8.g.cs"));
        return outcome.GeneratorDiagnostics.Single();
    }

    private static void AssertAt(Diagnostic diagnostic, string id, int line)
    {
        Assert.That(diagnostic.Id, Is.EqualTo(id), diagnostic.ToString());
        Assert.That(diagnostic.Severity, Is.EqualTo(DiagnosticSeverity.Error));
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        Assert.That(span.Path, Is.EqualTo(Path));
        Assert.That(span.StartLinePosition.Line, Is.EqualTo(line), diagnostic.ToString());
    }

    /// <summary>0-based line of the first occurrence of <paramref name="needle"/>.</summary>
    private static int LineOf(string text, string needle)
    {
        int at = text.IndexOf(needle, StringComparison.Ordinal);
        Assert.That(at, Is.GreaterThanOrEqualTo(0), needle);
        return text.Substring(0, at).Count(c => c == '\n');
    }
}
