using Kws.Compiler.Checkpoints;
using Kws.Compiler.Cli;
using Kws.Compiler.Configuration;
using Kws.Compiler.Export;
using Kws.Runtime.Manifest;
using Kws.Tests.Shared;

namespace Kws.Compiler.Tests;

/// <summary>
/// The trained checkpoints under models/: their listings are the seed notebook's (keys, dtypes, shapes; 30 keys FP32,
/// 22 keys PTQ/QAT), and the committed manifests are exactly what kwsc export writes today, so they never go stale.
/// </summary>
public sealed class RealCheckpointTests
{
    private const string SeedFp32Listing = """
        conv1.weight torch.float32 torch.Size([32, 1, 80])
        conv1.bias torch.float32 torch.Size([32])
        bn1.weight torch.float32 torch.Size([32])
        bn1.bias torch.float32 torch.Size([32])
        bn1.running_mean torch.float32 torch.Size([32])
        bn1.running_var torch.float32 torch.Size([32])
        bn1.num_batches_tracked torch.int64 torch.Size([])
        conv2.weight torch.float32 torch.Size([32, 32, 3])
        conv2.bias torch.float32 torch.Size([32])
        bn2.weight torch.float32 torch.Size([32])
        bn2.bias torch.float32 torch.Size([32])
        bn2.running_mean torch.float32 torch.Size([32])
        bn2.running_var torch.float32 torch.Size([32])
        bn2.num_batches_tracked torch.int64 torch.Size([])
        conv3.weight torch.float32 torch.Size([64, 32, 3])
        conv3.bias torch.float32 torch.Size([64])
        bn3.weight torch.float32 torch.Size([64])
        bn3.bias torch.float32 torch.Size([64])
        bn3.running_mean torch.float32 torch.Size([64])
        bn3.running_var torch.float32 torch.Size([64])
        bn3.num_batches_tracked torch.int64 torch.Size([])
        conv4.weight torch.float32 torch.Size([64, 64, 3])
        conv4.bias torch.float32 torch.Size([64])
        bn4.weight torch.float32 torch.Size([64])
        bn4.bias torch.float32 torch.Size([64])
        bn4.running_mean torch.float32 torch.Size([64])
        bn4.running_var torch.float32 torch.Size([64])
        bn4.num_batches_tracked torch.int64 torch.Size([])
        fc1.weight torch.float32 torch.Size([35, 64])
        fc1.bias torch.float32 torch.Size([35])
        """;

    private const string SeedQuantizedListing = """
        conv1.weight torch.qint8 torch.Size([32, 1, 80])
        conv1.bias torch.float32 torch.Size([32])
        conv1.scale torch.float32 torch.Size([])
        conv1.zero_point torch.int64 torch.Size([])
        conv2.weight torch.qint8 torch.Size([32, 32, 3])
        conv2.bias torch.float32 torch.Size([32])
        conv2.scale torch.float32 torch.Size([])
        conv2.zero_point torch.int64 torch.Size([])
        conv3.weight torch.qint8 torch.Size([64, 32, 3])
        conv3.bias torch.float32 torch.Size([64])
        conv3.scale torch.float32 torch.Size([])
        conv3.zero_point torch.int64 torch.Size([])
        conv4.weight torch.qint8 torch.Size([64, 64, 3])
        conv4.bias torch.float32 torch.Size([64])
        conv4.scale torch.float32 torch.Size([])
        conv4.zero_point torch.int64 torch.Size([])
        fc1.scale torch.float32 torch.Size([])
        fc1.zero_point torch.int64 torch.Size([])
        fc1._packed_params.dtype <class 'torch.dtype'>
        fc1._packed_params._packed_params <class 'tuple'>
        quant.scale torch.float32 torch.Size([1])
        quant.zero_point torch.int64 torch.Size([1])
        """;

    public static IEnumerable<TestCaseData> Kinds =>
    [
        new TestCaseData("fp32", SeedFp32Listing, 30).SetArgDisplayNames("fp32"),
        new TestCaseData("ptq", SeedQuantizedListing, 22).SetArgDisplayNames("ptq"),
        new TestCaseData("qat", SeedQuantizedListing, 22).SetArgDisplayNames("qat"),
    ];

    [TestCaseSource(nameof(Kinds))]
    public void Inspect_listing_is_the_seed_notebooks(string kind, string seedListing, int keyCount)
    {
        Checkpoint checkpoint = CheckpointReader.Read(CheckpointPath(kind));
        var text = new StringWriter();
        CheckpointListing.WriteText(checkpoint, text);
        string[] lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Is.EqualTo($"cnn_{kind}_model.pth has {keyCount} keys:"));
        Assert.That(lines.Skip(1).Where(l => !l.StartsWith(' ')), Is.EqualTo(seedListing.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [TestCase("fp32")]
    [TestCase("ptq")]
    [TestCase("qat")]
    public void Committed_manifest_is_what_kwsc_export_writes(string kind)
    {
        Checkpoint checkpoint = CheckpointReader.Read(CheckpointPath(kind));
        string committed = RepositoryPaths.Model($"cnn_{kind}_model.kws.json");
        Assert.That(File.Exists(committed), Is.True, $"{committed} is missing: export it with kwsc export (docs/kwsc.md)");
        ModelManifest manifest = ManifestExporter.Build(checkpoint,
            M5ConfigReader.Read(RepositoryPaths.Model($"configs/cnn_{kind}.yaml")), null, null, "kwsc " + KwscCommandLine.Version);
        Assert.That(manifest.Name, Is.EqualTo($"Cnn{char.ToUpperInvariant(kind[0])}{kind[1..]}Model"));
        Assert.That(ManifestWriter.Write(manifest), Is.EqualTo(File.ReadAllText(committed)),
            $"{committed} is stale: re-export it (kwsc export models/cnn_{kind}_model.pth --config models/configs/cnn_{kind}.yaml -o {committed})");
    }

    private static string CheckpointPath(string kind)
    {
        string path = RepositoryPaths.Model($"cnn_{kind}_model.pth");
        if (!File.Exists(path))
        {
            Assert.Fail($"{path} is missing: the bundled checkpoints are committed (models/recipe made them)");
        }
        return path;
    }
}
