using System.Text.Json;
using Kws.Compiler.Tests.Support;
using Kws.Runtime.Manifest;
using Kws.Tests.Shared;

namespace Kws.Compiler.Tests;

/// <summary>
/// The PyTorch engine on kwsc's command line: inspect says which one a quantized checkpoint looks made for, export
/// takes that guess unless --engine says otherwise, and a wrong engine is one clear error.
/// </summary>
public sealed class EngineOptionTests
{
    private static readonly string PerChannel = FixturePaths.Of("m5_ptq.pth");
    private static readonly string PerTensor = FixturePaths.Of("m5_per_tensor_ptq.pth");
    private static readonly string Fp32 = FixturePaths.Of("m5_fp32.pth");
    private static readonly string Config = FixturePaths.Of("m5.yaml");

    [TestCase("m5_ptq.pth", "onednn", "5 of 5 int8 weight tensors are per-channel")]
    [TestCase("m5_per_tensor_ptq.pth", "qnnpack", "all 5 int8 weight tensors are per-tensor")]
    public void Inspect_ends_with_the_engine_the_weights_suggest(string checkpoint, string engine, string reason)
    {
        KwscRun run = KwscRun.Of("inspect", FixturePaths.Of(checkpoint));
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        string last = run.Output.TrimEnd('\n').Split('\n')[^1];
        Assert.That(last, Does.StartWith($"engine: {engine} (a guess from the weights").And.Contain(reason));
    }

    [Test]
    public void Inspect_json_states_the_guess_and_a_float_checkpoint_has_none()
    {
        using JsonDocument json = JsonDocument.Parse(KwscRun.Of("inspect", PerTensor, "--json").Output);
        Assert.That(json.RootElement.GetProperty("engine").GetProperty("guess").GetString(), Is.EqualTo("qnnpack"));
        using JsonDocument fp32 = JsonDocument.Parse(KwscRun.Of("inspect", Fp32, "--json").Output);
        Assert.That(fp32.RootElement.TryGetProperty("engine", out _), Is.False);
        Assert.That(KwscRun.Of("inspect", Fp32).Output, Does.Not.Contain("engine:"));
    }

    [TestCase("m5_per_tensor_ptq.pth", null, QuantizedEngine.Qnnpack, "engine qnnpack (a guess")]
    [TestCase("m5_ptq.pth", null, QuantizedEngine.Onednn, "engine onednn (a guess")]
    [TestCase("m5_per_tensor_ptq.pth", "onednn", QuantizedEngine.Onednn, "engine onednn (--engine)")]
    [TestCase("m5_ptq.pth", "qnnpack", QuantizedEngine.Qnnpack, "engine qnnpack (--engine)")]
    public void Export_takes_the_guess_unless_told(string checkpoint, string? option, QuantizedEngine expected, string said)
    {
        string path = Path.Combine(Path.GetTempPath(), $"kwsc-{Guid.NewGuid():N}.kws.json");
        try
        {
            string[] args = ["export", FixturePaths.Of(checkpoint), "--config", Config, "-o", path];
            KwscRun run = KwscRun.Of(option is null ? args : [.. args, "--engine", option]);
            Assert.That(run.ExitCode, Is.Zero, run.Error);
            Assert.That(run.Output, Does.Contain(said));
            string text = File.ReadAllText(path);
            Assert.That(ManifestReader.Read(text).Engine, Is.EqualTo(expected));
            // onednn is the default and is not written, so its manifests keep the text they had before engines.
            Assert.That(text.Contains("\"engine\""), Is.EqualTo(expected != QuantizedEngine.Onednn));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void An_unknown_engine_is_a_usage_error()
    {
        KwscRun run = KwscRun.Of("export", PerChannel, "--config", Config, "--engine", "fbgemm", "-o", "/tmp/never.kws.json");
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Is.EqualTo("kwsc: error: export: --engine \"fbgemm\" is not an engine: onednn or qnnpack (see kwsc export --help)\n"));
        Assert.That(File.Exists("/tmp/never.kws.json"), Is.False);
    }

    [Test]
    public void An_engine_for_a_float_checkpoint_is_an_input_error()
    {
        KwscRun run = KwscRun.Of("export", Fp32, "--config", Config, "--engine", "qnnpack", "-o", "/tmp/never.kws.json");
        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error, Is.EqualTo("kwsc: error: m5_fp32.pth is a float32 checkpoint: an engine applies to quantized checkpoints only\n"));
    }

    [Test]
    public void The_committed_qnnpack_checkpoint_exports_to_the_committed_manifest()
    {
        string path = Path.Combine(Path.GetTempPath(), $"kwsc-{Guid.NewGuid():N}.kws.json");
        try
        {
            KwscRun run = KwscRun.Of("export", RepositoryPaths.Model("cnn_ptq_qnnpack_model.pth"),
                "--config", Path.Combine(RepositoryPaths.Models, "configs", "cnn_ptq_qnnpack.yaml"), "-o", path);
            Assert.That(run.ExitCode, Is.Zero, run.Error);
            Assert.That(File.ReadAllText(path), Is.EqualTo(File.ReadAllText(RepositoryPaths.Model("cnn_ptq_qnnpack_model.kws.json"))));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
