using System.Text.Json;
using Kws.Compiler.Cli;
using Kws.Compiler.Tests.Support;
using Kws.Tests.Shared;
using Kws.Runtime.Manifest;

namespace Kws.Compiler.Tests;

/// <summary>The kwsc command line: help, exit codes, one-line errors, and each command's output.</summary>
public sealed class CommandLineTests
{
    private static readonly string Ptq = FixturePaths.Of("m5_ptq.pth");
    private static readonly string Fp32 = FixturePaths.Of("m5_fp32.pth");
    private static readonly string Config = FixturePaths.Of("m5.yaml");

    [TestCase("--help")]
    [TestCase("-h")]
    public void Help_lists_the_commands(string flag)
    {
        KwscRun run = KwscRun.Of(flag);
        Assert.That(run.ExitCode, Is.Zero);
        Assert.That(run.Output, Does.Contain("inspect").And.Contain("diff").And.Contain("export"));
    }

    [TestCase("inspect")]
    [TestCase("diff")]
    [TestCase("export")]
    public void Each_command_has_help(string command)
    {
        KwscRun run = KwscRun.Of(command, "--help");
        Assert.That(run.ExitCode, Is.Zero);
        Assert.That(run.Output, Does.StartWith($"usage: kwsc {command}"));
    }

    [Test]
    public void No_arguments_is_a_one_line_usage_error_naming_the_commands()
    {
        KwscRun run = KwscRun.Of();
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Is.EqualTo("kwsc: error: no command given (commands: inspect, diff, export, analyze, quantize) (see kwsc --help)" + Environment.NewLine));
        Assert.That(run.Output, Is.Empty);
    }

    [Test]
    public void Version_prints_the_product_version_from_Directory_Build_props()
    {
        KwscRun run = KwscRun.Of("--version");
        Assert.That(run.ExitCode, Is.Zero);
        Assert.That(run.Output, Is.EqualTo($"kwsc {RepositoryVersion.Text}" + Environment.NewLine));
    }

    [TestCase(new[] { "inspect" }, "inspect: expected one checkpoint file, got 0 arguments")]
    [TestCase(new[] { "inspect", "a.pth", "--yaml" }, "inspect: unknown option --yaml")]
    [TestCase(new[] { "diff", "a.pth" }, "diff: expected two checkpoint files, got 1 argument")]
    [TestCase(new[] { "export", "a.pth", "-o", "x.json" }, "export: option --config is required")]
    [TestCase(new[] { "export", "a.pth", "--config", "c.yaml" }, "export: option -o is required")]
    [TestCase(new[] { "export", "a.pth", "--config" }, "export: option --config needs a value")]
    [TestCase(new[] { "export", "a.pth", "--config", "c", "-o", "x", "--name", "1abc" }, "export: --name \"1abc\" is not a C# identifier")]
    public void Usage_errors_exit_2_with_one_line(string[] args, string expected)
    {
        KwscRun run = KwscRun.Of(args);
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Is.EqualTo($"kwsc: error: {expected} (see kwsc {args[0]} --help)" + Environment.NewLine));
    }

    [Test]
    public void An_unknown_command_lists_the_commands()
    {
        KwscRun run = KwscRun.Of("frobnicate");
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.StartWith("kwsc: error: unknown command \"frobnicate\" (commands: inspect, diff, export"));
    }

    [Test]
    public void Help_for_a_command_can_also_be_asked_as_help_command()
    {
        KwscRun run = KwscRun.Of("help", "export");
        Assert.That(run.ExitCode, Is.Zero);
        Assert.That(run.Output, Is.EqualTo(new ExportCommand().Usage));
    }

    [Test]
    public void Bad_input_exits_1_with_one_line_and_no_stack_trace()
    {
        KwscRun run = KwscRun.Of("inspect", FixturePaths.Of("hostile_os_system.pth"));
        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error, Does.StartWith("kwsc: error: hostile_os_system.pth: data.pkl: refusing the global posix.system"));
        Assert.That(run.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(run.Output, Is.Empty);
    }

    [Test]
    public void Inspect_prints_the_seed_listing_with_quantization_details()
    {
        KwscRun run = KwscRun.Of("inspect", Ptq);
        Assert.That(run.ExitCode, Is.Zero);
        Assert.That(run.Output, Does.StartWith("m5_ptq.pth has 22 keys:\nconv1.weight torch.qint8 torch.Size([8, 1, 80])\n    per_channel_affine axis 0 scales ["));
        Assert.That(run.Output, Does.Contain("fc1._packed_params._packed_params <class 'tuple'>\n    [0] torch.qint8 torch.Size([35, 16])"));
    }

    [Test]
    public void Inspect_json_is_machine_readable()
    {
        KwscRun run = KwscRun.Of("inspect", Ptq, "--json");
        using JsonDocument json = JsonDocument.Parse(run.Output);
        JsonElement root = json.RootElement;
        Assert.That(root.GetProperty("keyCount").GetInt32(), Is.EqualTo(22));
        JsonElement first = root.GetProperty("entries")[0];
        Assert.That(first.GetProperty("key").GetString(), Is.EqualTo("conv1.weight"));
        Assert.That(first.GetProperty("dtype").GetString(), Is.EqualTo("torch.qint8"));
        Assert.That(first.GetProperty("quantization").GetProperty("scheme").GetString(), Is.EqualTo("per_channel_affine"));
        Assert.That(first.GetProperty("quantization").GetProperty("scales").GetArrayLength(), Is.EqualTo(8));
    }

    [Test]
    public void Export_writes_a_manifest_the_runtime_reads()
    {
        string path = Path.Combine(Path.GetTempPath(), $"kwsc-{Guid.NewGuid():N}.kws.json");
        try
        {
            KwscRun run = KwscRun.Of("export", Ptq, "--config", Config, "--name", "Tiny", "-o", path);
            Assert.That(run.ExitCode, Is.Zero, run.Error);
            Assert.That(run.Output, Does.StartWith($"wrote {path}: Tiny, int8 (ptq), 13 layers, 35 labels"));
            ModelManifest manifest = ManifestReader.Read(File.ReadAllText(path));
            Assert.That(manifest.Name, Is.EqualTo("Tiny"));
            Assert.That(manifest.Source.File, Is.EqualTo("m5_ptq.pth"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Export_to_a_folder_that_does_not_exist_is_one_clear_error()
    {
        KwscRun run = KwscRun.Of("export", Ptq, "--config", Config, "-o", "/nonexistent/dir/m.kws.json");
        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error, Does.StartWith("kwsc: error: /nonexistent/dir/m.kws.json: cannot write the manifest ("));
    }

    [Test]
    public void Export_reads_labels_one_per_line()
    {
        string labels = Path.GetTempFileName(), path = labels + ".kws.json";
        try
        {
            File.WriteAllText(labels, "zero\none\n\n two \nthree\nfour\n");
            KwscRun run = KwscRun.Of("export", FixturePaths.Of("m5_small_fp32.pth"), "--config", FixturePaths.Of("m5_small.yaml"), "--labels", labels, "-o", path);
            Assert.That(run.ExitCode, Is.Zero, run.Error);
            Assert.That(ManifestReader.Read(File.ReadAllText(path)).Labels, Is.EqualTo(new[] { "zero", "one", "two", "three", "four" }));
        }
        finally
        {
            File.Delete(labels);
            File.Delete(path);
        }
    }

    [Test]
    public void Diff_shows_the_seed_overall_table()
    {
        KwscRun run = KwscRun.Of("diff", Fp32, Ptq);
        Assert.That(run.ExitCode, Is.Zero);
        string[] lines = run.Output.Split('\n');
        Assert.That(lines[0], Is.EqualTo("| Components | m5_fp32.pth keys (30) | m5_ptq.pth keys (22) | Difference |"));
        Assert.That(lines[2], Does.StartWith("| Convolution layers | `convX.weight`, `convX.bias` | `convX.weight`, `convX.bias`, `convX.scale`, `convX.zero_point` | quantization parameters added"));
        Assert.That(lines[3], Does.StartWith("| BatchNorm layers | `bnX.weight`, `bnX.bias`, `bnX.running_mean`, `bnX.running_var`, `bnX.num_batches_tracked` |  | folded into convX"));
        Assert.That(lines[4], Does.StartWith("| FC layers | `fc1.weight`, `fc1.bias` | `fc1.scale`, `fc1.zero_point`, `fc1._packed_params.dtype`, `fc1._packed_params._packed_params` | packed"));
        Assert.That(lines[5], Does.StartWith("| Quant Stubs |  | `quant.scale`, `quant.zero_point` | quant stubs added"));
        Assert.That(run.Output, Does.Contain("- bn1.running_var\n").And.Contain("+ quant.scale\n")
            .And.Contain("~ conv1.weight: torch.float32 torch.Size([8, 1, 80]) -> torch.qint8 torch.Size([8, 1, 80]) per_channel_affine\n"));
    }

    [Test]
    public void Diff_of_a_checkpoint_with_itself_is_identical()
    {
        KwscRun run = KwscRun.Of("diff", Ptq, Ptq);
        Assert.That(run.Output.Split('\n').Skip(2).TakeWhile(l => l.Length > 0), Has.All.EndWith("| identical |"));
    }

    [Test]
    public void Diff_of_ptq_and_qat_lists_the_keys_whose_values_differ()
    {
        KwscRun run = KwscRun.Of("diff", Ptq, FixturePaths.Of("m5_qat.pth"));
        Assert.That(run.Output, Does.Contain("* conv1.weight: same dtype and shape, different values"));
        Assert.That(run.Output, Does.Not.Contain("\n- ").And.Not.Contain("\n+ "));
    }
}
