using Kws.Compiler.Cli;

namespace Kws.Compiler.Tests.Analysis;

/// <summary>
/// kwsc analyze on the seed repository's modular checkpoints, with a seed config that names one model_type for both
/// (cnn_fp32): the analysis compares checkpoints of several kinds, so the config's model_type is not held against each.
/// </summary>
public sealed class ModularAnalysisTests
{
    [Test]
    public void Analyzes_a_modular_FP32_and_PTQ_pair_under_a_config_with_a_model_type()
    {
        string samples = Path.Combine(TestContext.CurrentContext.WorkDirectory, "analyze-modular-samples");
        Directory.CreateDirectory(Path.Combine(samples, "yes"));
        File.WriteAllBytes(Path.Combine(samples, "yes", "yes_0.wav"), []);
        var noise = FixtureModels.NoiseClips(1, ["x"])[0].Samples;
        var output = new StringWriter();

        int exit = new AnalyzeCommand(_ => _ => noise).Run(["--fp32", FixtureModels.PathOf("modular_fp32.pth"),
            "--quantized", FixtureModels.PathOf("modular_ptq.pth"), "--config", FixtureModels.PathOf("modular_fp32.yaml"), "--samples", samples], output);

        Assert.That(exit, Is.Zero);
        Assert.That(output.ToString(), Does.Contain("PTQ against FP32, layer by layer:").And.Contain("avgpool"));
    }
}
