using System.Text.Json;
using Kws.Compiler.Analysis;
using Kws.Compiler.Analysis.Collectors;
using Kws.Compiler.Analysis.Reports;
using Kws.Compiler.Configuration;
using Kws.Tests.Shared;

namespace Kws.Compiler.Tests.Analysis;

/// <summary>
/// kwsc analyze on the committed checkpoints and clips, checked against PyTorch's figures for the same analysis
/// (models/references/analysis.json, from models/recipe/analysis_reference.py), and the HTML report built from it.
/// Tolerances (measured agreement on the bundled PTQ model: 5e-7 relative, SQNR 2e-6 dB): the int8 engine matches
/// PyTorch's codes but for rare off-by-one codes, and FP32 sums in another order, so error figures agree to 0.01%
/// (relative), cosine to 1e-6, SQNR to 0.005 dB, activation extremes to 1e-5 (relative), clipped shares to 1e-5;
/// top-1 counts and weight statistics exactly.
/// </summary>
public sealed class AnalysisReferenceTests
{
    private static PyTorchAnalysisReference reference = null!;
    private static AnalysisResult result = null!;
    private static IReadOnlyList<string> kinds = [];
    private static string reportDirectory = "";

    [OneTimeSetUp]
    public static void AnalyseCommittedModels()
    {
        reference = PyTorchAnalysisReference.Load();
        kinds = reference.QuantizedKinds;
        M5Config config = M5ConfigReader.Read(RepositoryPaths.Model(Path.Combine("configs", "cnn_fp32.yaml")));
        AnalysisModel Load(string kind)
        {
            (string file, string sha256) = reference.Checkpoint(kind);
            if (!File.Exists(RepositoryPaths.Model(file)))
            {
                Assert.Fail($"models/{file} is missing: {PyTorchAnalysisReference.FilePath} was made from it and it is committed");
            }
            AnalysisModel model = AnalysisModel.FromCheckpoint(RepositoryPaths.Model(file), config, name: kind == "fp32" ? "FP32" : null);
            Assert.That(model.Manifest.Source.Sha256, Is.EqualTo(sha256).IgnoreCase,
                $"{file} changed since {PyTorchAnalysisReference.FilePath} was made: run /usr/bin/python3 models/recipe/analysis_reference.py");
            return model;
        }
        AnalysisModel fp32 = Load("fp32");
        string clips = Path.Combine(RepositoryPaths.Samples, "clips");
        result = ModelAnalyzer.Run(fp32, kinds.Select(Load).ToList(), ClipFolder.Read(clips, new ModelInputLoader(fp32.Manifest).Load), "models/samples/clips");
        reportDirectory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "analysis-committed-models");
        ReportDirectoryWriter.Write(result, reportDirectory);
    }

    [Test]
    public void Top1_counts_match_pytorch()
    {
        Assert.Multiple(() =>
        {
            Assert.That(result.Inputs.LabelledClips, Is.EqualTo(reference.Clips));
            Assert.That(result.Models[0].Correct, Is.EqualTo(reference.Correct("fp32")), "FP32");
            for (int m = 0; m < kinds.Count; m++)
            {
                Assert.That(result.Models[m + 1].Correct, Is.EqualTo(reference.Correct(kinds[m])), kinds[m]);
            }
        });
    }

    [Test]
    public void Layer_errors_match_pytorch()
    {
        Assert.Multiple(() =>
        {
            for (int model = 0; model < kinds.Count; model++)
            {
                IReadOnlyList<JsonElement> expected = reference.Layers(kinds[model]);
                IReadOnlyList<LayerComparison> actual = result.Comparisons[model].Layers;
                Assert.That(actual.Select(l => l.Layer), Is.EqualTo(expected.Select(e => e.GetProperty("name").GetString())));
                foreach ((LayerComparison layer, JsonElement e) in actual.Zip(expected))
                {
                    ErrorMetrics m = layer.Metrics;
                    string where = $"{kinds[model]} {layer.Layer}";
                    Assert.That(m.Count, Is.EqualTo(e.GetProperty("count").GetInt64()), where + " count");
                    Assert.That(m.Mse, Is.EqualTo(PyTorchAnalysisReference.Number(e, "mse")).Within(0.01).Percent, where + " MSE");
                    Assert.That(m.Mae, Is.EqualTo(PyTorchAnalysisReference.Number(e, "mae")).Within(0.01).Percent, where + " MAE");
                    Assert.That(m.ErrorStd, Is.EqualTo(PyTorchAnalysisReference.Number(e, "errorStd")).Within(0.01).Percent, where + " error std");
                    Assert.That(m.Cosine, Is.EqualTo(PyTorchAnalysisReference.Number(e, "cosine")).Within(1e-6), where + " cosine");
                    Assert.That(m.SqnrDb, Is.EqualTo(PyTorchAnalysisReference.Number(e, "sqnrDb")).Within(0.005), where + " SQNR");
                }
            }
        });
    }

    [Test]
    public void Sensitivity_matches_pytorchs_mixed_model()
    {
        Assert.Multiple(() =>
        {
            for (int model = 0; model < kinds.Count; model++)
            {
                SensitivityResult actual = result.Sensitivity[model];
                foreach (BlockSensitivity block in actual.Blocks.Append(actual.AllBlocks))
                {
                    Assert.That(block.Correct, Is.EqualTo(reference.Sensitivity(kinds[model], block.Block)), $"{kinds[model]} {block.Block}");
                }
            }
        });
    }

    [Test]
    public void Weight_and_activation_statistics_match_pytorch()
    {
        Assert.Multiple(() =>
        {
            for (int model = 0; model < kinds.Count; model++)
            {
                foreach ((LayerWeightStatistics actual, JsonElement expected) in result.Weights[model].Layers.Zip(reference.Weights(kinds[model])))
                {
                    Assert.That(actual.Layer, Is.EqualTo(expected.GetProperty("name").GetString()));
                    Assert.That(actual.ChannelScales, Is.EqualTo(expected.GetProperty("scales").EnumerateArray().Select(s => s.GetDouble())), actual.Layer);
                    Assert.That(actual.ChannelRangeUse, Is.EqualTo(expected.GetProperty("rangeUse").EnumerateArray().Select(s => s.GetDouble())).Within(1e-12), actual.Layer);
                }
                IReadOnlyList<JsonElement> activations = reference.Activations(kinds[model]);
                Assert.That(result.Activations[model].Layers.Select(l => l.Layer), Is.EqualTo(activations.Select(a => a.GetProperty("name").GetString())));
                foreach ((ActivationRange actual, JsonElement expected) in result.Activations[model].Layers.Zip(activations))
                {
                    string where = $"{kinds[model]} {actual.Layer}";
                    // Float32 sums in another order than PyTorch's: a few ulps, so the tolerance grows with the magnitude.
                    double seenMin = PyTorchAnalysisReference.Number(expected, "seenMin");
                    Assert.That(actual.SeenMin, Is.EqualTo(seenMin).Within(1e-5 * Math.Max(1, Math.Abs(seenMin))), where + " min");
                    Assert.That(actual.SeenMax, Is.EqualTo(PyTorchAnalysisReference.Number(expected, "seenMax")).Within(1e-3).Percent, where + " max");
                    Assert.That(actual.QuantizedMax, Is.EqualTo(PyTorchAnalysisReference.Number(expected, "quantizedMax")).Within(1e-9).Percent, where);
                    Assert.That(actual.ClippedShare, Is.EqualTo(PyTorchAnalysisReference.Number(expected, "clippedShare")).Within(1e-5), where + " clipped");
                }
            }
        });
    }

    [Test]
    public void The_report_is_produced_with_every_section()
    {
        string html = File.ReadAllText(Path.Combine(reportDirectory, "report.html"));
        string[] images = Directory.GetFiles(Path.Combine(reportDirectory, "images"), "*.png").Select(Path.GetFileName).ToArray()!;
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("<h2>Per-block sensitivity</h2>").And.Contain("<h2>Confusion matrices</h2>"));
            Assert.That(images, Does.Contain("layer-sqnr.png").And.Contain("sensitivity.png").And.Contain("confusion-fp32.png"));
            Assert.That(images.Count(i => i.StartsWith("confusion-", StringComparison.Ordinal)), Is.EqualTo(1 + kinds.Count));
        });
    }
}
