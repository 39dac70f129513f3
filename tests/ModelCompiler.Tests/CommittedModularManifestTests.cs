using Kws.Compiler.Checkpoints;
using Kws.Compiler.Cli;
using Kws.Compiler.Configuration;
using Kws.Compiler.Export;
using Kws.Runtime.Manifest;
using Kws.Tests.Shared;

namespace Kws.Compiler.Tests;

/// <summary>
/// The manifests committed beside the recipe's modular checkpoints (models/modular, models/variant) are exactly what
/// kwsc export writes today from the checkpoint and its config (docs/kwsc.md, "Exporting the modular checkpoints"),
/// so they never go stale; and each is the kind of model its checkpoint's keys say.
/// </summary>
public sealed class CommittedModularManifestTests
{
    /// <summary>Checkpoint (under models/), its config, and the precision its manifest must have.</summary>
    public static IEnumerable<TestCaseData> Manifests =>
    [
        Case("modular/cnn_fp32_model.pth", "modular/configs/cnn_fp32.yaml", ModelPrecision.Float32),
        Case("modular/cnn_ptq_static_model.pth", "modular/configs/cnn_ptq_static.yaml", ModelPrecision.Int8),
        .. Enumerable.Range(1, 4).Select(q => Case($"modular/cnn_ptq_LayerWiseQuant_q{q}_model.pth", "modular/configs/cnn_ptq_LayerWiseQuant.yaml", ModelPrecision.Mixed)),
        Case("variant/cnn_fp32_model.pth", "variant/configs/cnn_fp32.yaml", ModelPrecision.Float32),
        Case("variant/cnn_ptq_static_model.pth", "variant/configs/cnn_ptq_static.yaml", ModelPrecision.Int8),
        Case("variant/cnn_ptq_LayerWiseQuant_q2_model.pth", "variant/configs/cnn_ptq_LayerWiseQuant.yaml", ModelPrecision.Mixed),
    ];

    [TestCaseSource(nameof(Manifests))]
    public void Committed_manifest_is_what_kwsc_export_writes(string checkpointPath, string configPath, ModelPrecision precision)
    {
        string family = checkpointPath.Split('/')[0];
        string labelsPath = RepositoryPaths.Model($"{family}/labels.txt");
        IReadOnlyList<string>? labels = File.Exists(labelsPath) ? LabelsFile.Read(labelsPath) : null;
        string name = ManifestExporter.PascalCase(family + "_" + Path.GetFileNameWithoutExtension(checkpointPath));
        ModelManifest manifest = ManifestExporter.Build(CheckpointReader.Read(RepositoryPaths.Model(checkpointPath)),
            M5ConfigReader.Read(RepositoryPaths.Model(configPath)), labels, name, "kwsc " + KwscCommandLine.Version);
        string committed = RepositoryPaths.Model(Path.ChangeExtension(checkpointPath, ".kws.json"));
        Assert.That(manifest.Precision, Is.EqualTo(precision));
        Assert.That(File.Exists(committed), Is.True, $"{committed} is missing: export it (docs/kwsc.md, \"Exporting the modular checkpoints\")");
        Assert.That(ManifestWriter.Write(manifest), Is.EqualTo(File.ReadAllText(committed)),
            $"{committed} is stale: re-export it (docs/kwsc.md, \"Exporting the modular checkpoints\")");
    }

    private static TestCaseData Case(string checkpoint, string config, ModelPrecision precision) =>
        new TestCaseData(checkpoint, config, precision).SetArgDisplayNames(checkpoint);
}
