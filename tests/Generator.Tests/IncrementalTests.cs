extern alias GeneratorAssembly;

using Kws.Generator.Tests.Harness;
using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;
using Kws.Runtime.Quantization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using GeneratorAssembly::Kws.Generator;

namespace Kws.Generator.Tests;

/// <summary>
/// The pipeline is incremental: an unrelated edit re-runs nothing (every tracked step Cached or Unchanged), and an
/// edited manifest re-emits only its own model.
/// </summary>
public class IncrementalTests
{
    private static readonly string[] TrackedSteps =
        [KwsGenerator.Steps.ManifestFiles, KwsGenerator.Steps.Models, KwsGenerator.Steps.ModelNames];

    [Test]
    public void UnrelatedCodeEditReusesEveryStep()
    {
        CSharpCompilation compilation = GeneratorHarness.EmptyCompilation(sources: "namespace App { public class A { } }");
        GeneratorDriver driver = GeneratorHarness.CreateDriver(Manifests()).RunGenerators(compilation);
        CSharpCompilation edited = compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace App { public class B { public int X => 1; } }", GeneratorHarness.ParseOptions));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (string step in TrackedSteps)
        {
            Assert.That(Reasons(result, step), Is.All.AnyOf(IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged), step);
        }
        Assert.That(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(r => r.Outputs).Select(o => o.Reason),
            Is.All.AnyOf(IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged));
    }

    [Test]
    public void EditedManifestReEmitsOnlyItsModel()
    {
        CSharpCompilation compilation = GeneratorHarness.EmptyCompilation();
        AdditionalText[] texts = Manifests().Select(m => (AdditionalText)new InMemoryAdditionalText(m.Path, m.Text)).ToArray();
        GeneratorDriver driver = GeneratorHarness.CreateDriver(texts).RunGenerators(compilation);
        driver = driver.ReplaceAdditionalText(texts[0], new InMemoryAdditionalText(texts[0].Path, TinyWithBias(0.75f)));
        GeneratorRunResult result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.That(Reasons(result, KwsGenerator.Steps.Models),
            Is.EquivalentTo(new[] { IncrementalStepRunReason.Modified, IncrementalStepRunReason.Cached }));
        Assert.That(Reasons(result, KwsGenerator.Steps.ModelNames), Is.All.AnyOf(IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged),
            "the model names did not change");
        Assert.That(result.GeneratedSources.Single(s => s.HintName == "TinyInt8.g.cs").SourceText.ToString(), Does.Contain(OffsetLiteral(0.75f)));
    }

    private static List<(string Path, string Text)> Manifests() =>
    [
        ("/p/tiny.kws.json", ManifestWriter.Write(TestModels.TinyInt8())),
        ("/p/float.kws.json", ManifestWriter.Write(TestModels.TinyFloat())),
    ];

    private static string TinyWithBias(float bias)
    {
        ModelManifest tiny = TestModels.TinyInt8();
        var layers = tiny.Layers.ToList();
        var conv = (Conv1dLayer)layers[1];
        layers[1] = new Conv1dLayer(conv.Name, conv.InChannels, conv.OutChannels, conv.KernelSize, conv.Stride, conv.InputLength, conv.OutputLength,
            conv.Relu, [bias, bias, bias], null, conv.Int8Weights, conv.WeightQuantization, conv.Input, conv.Output);
        return ManifestWriter.Write(new ModelManifest(tiny.Name, tiny.Source, tiny.Compiler, tiny.Labels, tiny.SampleRate, tiny.InputLength, layers));
    }

    /// <summary>The first output channel's requantization offset (the bias in accumulator units) as the generated table writes it.</summary>
    private static string OffsetLiteral(float bias) =>
        RequantizationPlan.For((Conv1dLayer)ManifestReader.Read(TinyWithBias(bias)).Layers[1], QuantizedEngine.Onednn).Offset[0]
            .ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "f";

    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(run => run.Outputs).Select(output => output.Reason);
}
