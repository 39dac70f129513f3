using System.Text.Json;
using Kws.Compiler.Checkpoints;
using Kws.Compiler.Configuration;
using Kws.Compiler.Export;
using Kws.Compiler.Tests.Support;
using Kws.Runtime.Interpretation;
using Kws.Runtime.Manifest;

namespace Kws.Compiler.Tests;

/// <summary>
/// End to end: the manifest kwsc exports, run by the runtime's interpreter, gives PyTorch's answer for the same
/// checkpoint (folding, layer order, strides and the quantization chain all have to be right for that).
/// </summary>
public sealed class ExportedModelRunsTests
{
    [TestCase("m5_fp32.pth", "m5.yaml", 1e-5)]
    [TestCase("m5_ptq.pth", "m5.yaml", 1e-6)]
    [TestCase("m5_small_ptq.pth", "m5_small.yaml", 1e-6)]
    public void Interpreter_on_the_exported_manifest_matches_PyTorch(string checkpoint, string config, double tolerance)
    {
        using JsonDocument reference = JsonDocument.Parse(File.ReadAllText(FixturePaths.Of(Path.ChangeExtension(checkpoint, ".reference.json"))));
        double[] expected = reference.RootElement.GetProperty("logProbs").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        string[] labels = Enumerable.Range(0, expected.Length).Select(i => $"class{i}").ToArray();
        ModelManifest manifest = ManifestExporter.Build(
            CheckpointReader.Read(FixturePaths.Of(checkpoint)), M5ConfigReader.Read(FixturePaths.Of(config)), labels, null, "kwsc test");
        var model = new InterpretedModel(ManifestReader.Read(ManifestWriter.Write(manifest)));

        int length = reference.RootElement.GetProperty("inputLength").GetInt32();
        Assert.That(model.InputLength, Is.EqualTo(length));
        float[] input = FixtureInput.Of(length);
        var logProbs = new float[expected.Length];
        model.Infer(input, logProbs);

        Assert.That(ArgMax(logProbs.Select(v => (double)v).ToArray()), Is.EqualTo(ArgMax(expected)), "top-1");
        Assert.That(logProbs.Zip(expected, (a, e) => Math.Abs(a - e)).Max(), Is.LessThan(tolerance));
    }

    private static int ArgMax(double[] values) => Array.IndexOf(values, values.Max());
}
