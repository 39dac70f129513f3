using Kws.Compiler.Analysis;
using Kws.Compiler.Checkpoints;
using Kws.Compiler.Cli;
using Kws.Compiler.Configuration;
using Kws.Compiler.Export;
using Kws.Tests.Shared;

namespace Kws.Compiler.Tests.Analysis;

/// <summary>
/// The kwsc test fixtures (tests/ModelCompiler.Tests/Fixtures, made by make_fixtures.py): an FP32 M5 with 8 channels and
/// the PTQ and QAT models quantized from it, and a smaller unrelated model; plus deterministic noise clips.
/// </summary>
internal static class FixtureModels
{
    public static string Directory => Path.Combine(RepositoryPaths.Root, "tests", "ModelCompiler.Tests", "Fixtures");

    public static string PathOf(string fileName) => Path.Combine(Directory, fileName);

    /// <param name="labels">Class names for a model without the 35 Speech Commands classes.</param>
    public static AnalysisModel Load(string checkpoint, string name, string config = "m5.yaml", IReadOnlyList<string>? labels = null) =>
        new(name, checkpoint, ManifestExporter.Build(CheckpointReader.Read(PathOf(checkpoint)), M5ConfigReader.Read(PathOf(config)),
            labels, null, "kwsc " + KwscCommandLine.Version));

    public static AnalysisModel Fp32 => Load("m5_fp32.pth", "FP32");

    public static AnalysisModel Ptq => Load("m5_ptq.pth", "PTQ");

    public static AnalysisModel Qat => Load("m5_qat.pth", "QAT");

    /// <summary>Clips of noise with a little tone, labelled round-robin with the model's labels.</summary>
    public static List<AnalysisClip> NoiseClips(int count, IReadOnlyList<string> labels, int length = 8000)
    {
        var random = new Random(20);
        return Enumerable.Range(0, count).Select(c => new AnalysisClip($"noise_{c}.wav", labels[c % labels.Count],
            Enumerable.Range(0, length).Select(t => (float)(0.3 * Math.Sin(t * 0.01 * (c + 1)) + 0.2 * (random.NextDouble() - 0.5))).ToArray()))
            .ToList();
    }
}
