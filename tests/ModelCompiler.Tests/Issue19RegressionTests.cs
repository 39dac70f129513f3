using System.IO.Compression;
using System.Text;
using Kws.Compiler.Checkpoints;
using Kws.Compiler.Cli;
using Kws.Compiler.Configuration;
using Kws.Compiler.Files;
using Kws.Compiler.Pickle;
using Kws.Compiler.Tests.Support;

namespace Kws.Compiler.Tests;

/// <summary>
/// The kwsc findings of issue #19's hostile trial, one test (or test case group) per item, named after it: each
/// input gets one error line and exit 1, within bounded memory, or is accepted as docs/limits.md says.
/// </summary>
public sealed class Issue19RegressionTests
{
    private string folder = "";

    [SetUp]
    public void MakeFolder()
    {
        folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "issue19-" + TestContext.CurrentContext.Test.ID);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
    }

    private string InFolder(string name) => Path.Combine(folder, name);

    private static void AssertOneErrorLine(KwscRun run, string expected)
    {
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.Error);
            Assert.That(run.Error, Does.StartWith("kwsc: error: ").And.Contain(expected));
            Assert.That(run.Error.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1));
            Assert.That(run.Error, Does.Not.Contain("internal error"));
        });
    }

    /// <summary>Runs kwsc and returns what it allocated on this thread, to check that a refusal came before the work.</summary>
    private static (KwscRun Run, long Allocated) Measured(params string[] args)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        KwscRun run = KwscRun.Of(args);
        return (run, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Test]
    public void Item5_a_config_nested_100000_deep_is_one_error_line()
    {
        File.WriteAllText(InFolder("deep.yaml"), "model: " + new string('[', 100_000) + new string(']', 100_000) + "\n");
        AssertOneErrorLine(KwscRun.Of("export", FixturePaths.Of("m5_fp32.pth"), "--config", InFolder("deep.yaml"), "-o", InFolder("m.kws.json")),
            $"deep.yaml: the config nests more than {M5ConfigReader.MaxDepth} levels deep");
    }

    [Test]
    public void Item5_a_config_of_too_many_nodes_is_one_error_line()
    {
        File.WriteAllText(InFolder("wide.yaml"), "model: [" + string.Join(",", Enumerable.Repeat("1", M5ConfigReader.MaxNodes)) + "]\n");
        AssertOneErrorLine(KwscRun.Of("export", FixturePaths.Of("m5_fp32.pth"), "--config", InFolder("wide.yaml"), "-o", InFolder("m.kws.json")),
            $"wide.yaml: the config has more than {M5ConfigReader.MaxNodes} YAML nodes");
    }

    [Test]
    public void Item6_inspect_of_dev_zero_is_refused_from_its_first_bytes()
    {
        Assume.That(File.Exists("/dev/zero"), "this machine has no /dev/zero");
        var (run, allocated) = Measured("inspect", "/dev/zero");
        AssertOneErrorLine(run, "zero: not a PyTorch checkpoint");
        Assert.That(allocated, Is.LessThan(4 << 20));
    }

    [Test]
    public void Item6_a_config_or_labels_file_of_dev_zero_stops_at_its_limit()
    {
        Assume.That(File.Exists("/dev/zero"), "this machine has no /dev/zero");
        var (config, allocated) = Measured("export", FixturePaths.Of("m5_fp32.pth"), "--config", "/dev/zero", "-o", InFolder("m.kws.json"));
        AssertOneErrorLine(config, $"is larger than the {M5ConfigReader.MaxConfigBytes}-byte limit for a YAML config");
        Assert.That(allocated, Is.LessThan(4 * M5ConfigReader.MaxConfigBytes));
        AssertOneErrorLine(KwscRun.Of("export", FixturePaths.Of("m5_fp32.pth"), "--config", FixturePaths.Of("m5.yaml"), "--labels", "/dev/zero", "-o", InFolder("m.kws.json")),
            $"is larger than the {LabelsFile.MaxBytes}-byte limit for a labels file");
    }

    [Test]
    public void Item7_a_zip_bomb_pickle_is_refused_before_it_expands()
    {
        const int expanded = 64 << 20;
        File.WriteAllBytes(InFolder("bomb.pth"), DeflatedArchive(("archive/data.pkl", expanded)));
        var (run, allocated) = Measured("inspect", InFolder("bomb.pth"));
        AssertOneErrorLine(run, $"entry archive/data.pkl expands to {expanded} bytes, more than the {CheckpointArchive.MaxPickleBytes}-byte limit for a pickle");
        Assert.That(allocated, Is.LessThan(8 << 20));
    }

    [Test]
    public void Item7_a_zip_bomb_storage_is_refused_before_it_expands()
    {
        const long floats = 64 << 20; // 256 MB of zeros, deflated to about 250 KB
        byte[] pickle = new PickleBuilder().BeginStateDict().Unicode("w").Tensor("FloatStorage", "0", floats, 0, [1], [1]).EndStateDict().ToArray();
        File.WriteAllBytes(InFolder("bomb.pth"), DeflatedArchive(("archive/data/0", floats * 4), ("archive/data.pkl", pickle)));
        var (run, allocated) = Measured("inspect", InFolder("bomb.pth"));
        AssertOneErrorLine(run, $"storage 0 of {floats * 4} bytes needs more memory than the");
        Assert.That(allocated, Is.LessThan(8 << 20));
    }

    [Test]
    public void Item7_a_re_zipped_checkpoint_with_deflated_entries_still_reads()
    {
        byte[] original = File.ReadAllBytes(FixturePaths.Of("m5_ptq.pth"));
        using var source = new ZipArchive(new MemoryStream(original), ZipArchiveMode.Read);
        using var deflated = new MemoryStream();
        using (var zip = new ZipArchive(deflated, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (ZipArchiveEntry entry in source.Entries)
            {
                using Stream from = entry.Open(), to = zip.CreateEntry(entry.FullName, CompressionLevel.Optimal).Open();
                from.CopyTo(to);
            }
        }
        Checkpoint expected = CheckpointReader.Read(original, "m5_ptq.pth"), actual = CheckpointReader.Read(deflated.ToArray(), "m5_ptq.pth");
        Assert.That(actual.Entries.Select(e => e.Key), Is.EqualTo(expected.Entries.Select(e => e.Key)));
        Assert.That(((TorchTensor)actual.Entries[0].Value!).Data, Is.EqualTo(((TorchTensor)expected.Entries[0].Value!).Data));
    }

    /// <summary>A torch.save-style archive whose entries are deflated: (name, size of zeros) or (name, bytes).</summary>
    private static byte[] DeflatedArchive(params (string Name, object Content)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            foreach (var (name, content) in entries)
            {
                using Stream entry = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
                if (content is byte[] bytes)
                {
                    entry.Write(bytes);
                    continue;
                }
                for (long left = Convert.ToInt64(content, System.Globalization.CultureInfo.InvariantCulture); left > 0; left -= zeros.Length)
                {
                    entry.Write(zeros, 0, (int)Math.Min(left, zeros.Length));
                }
            }
            using (Stream version = zip.CreateEntry("archive/version").Open()) version.Write("3\n"u8);
        }
        return stream.ToArray();
    }

    [TestCase(float.NaN)]
    [TestCase(float.PositiveInfinity)]
    [TestCase(float.NegativeInfinity)]
    public void Item8_export_refuses_non_finite_weights(float value)
    {
        File.WriteAllBytes(InFolder("bad.pth"), CheckpointEditor.EditTensor("m5_fp32.pth", "conv2.weight", w => w[7] = value));
        AssertOneErrorLine(KwscRun.Of("export", InFolder("bad.pth"), "--config", FixturePaths.Of("m5.yaml"), "-o", InFolder("bad.kws.json")),
            "layer 2 \"conv2\" (conv1d): weights hold a NaN or infinite value (at index 7)");
        Assert.That(File.Exists(InFolder("bad.kws.json")), Is.False);
    }

    [Test]
    public void Item8_export_refuses_a_non_finite_bias()
    {
        File.WriteAllBytes(InFolder("bad.pth"), CheckpointEditor.EditTensor("m5_ptq.pth", "conv1.bias", b => b[0] = float.NaN));
        AssertOneErrorLine(KwscRun.Of("export", InFolder("bad.pth"), "--config", FixturePaths.Of("m5.yaml"), "-o", InFolder("bad.kws.json")),
            "bias hold a NaN or infinite value (at index 0)");
    }

    [TestCase(-1f, "-1")]
    [TestCase(float.NaN, "NaN")]
    public void Item8_export_refuses_a_negative_or_nan_batchnorm_variance(float value, string shown)
    {
        File.WriteAllBytes(InFolder("bad.pth"), CheckpointEditor.EditTensor("m5_fp32.pth", "bn2.running_var", v => v[3] = value));
        AssertOneErrorLine(KwscRun.Of("export", InFolder("bad.pth"), "--config", FixturePaths.Of("m5.yaml"), "-o", InFolder("bad.kws.json")),
            $"bn2.running_var[3] is {shown}: a variance is never negative or NaN");
    }

    [Test]
    public void Item9_analyze_of_a_nan_checkpoint_is_one_error_line()
    {
        File.WriteAllBytes(InFolder("nan.pth"), CheckpointEditor.EditTensor("m5_fp32.pth", "conv1.weight", w => w.Fill(float.NaN)));
        Directory.CreateDirectory(InFolder("clips/yes"));
        AssertOneErrorLine(KwscRun.Of("analyze", "--fp32", InFolder("nan.pth"), "--quantized", FixturePaths.Of("m5_ptq.pth"),
            "--config", FixturePaths.Of("m5.yaml"), "--samples", InFolder("clips")), "weights hold a NaN or infinite value");
    }

    [TestCase("-o")]
    [TestCase("--output")]
    public void Item10_export_refuses_to_overwrite_its_own_inputs(string option)
    {
        File.Copy(FixturePaths.Of("m5_fp32.pth"), InFolder("s.pth"));
        File.Copy(FixturePaths.Of("m5.yaml"), InFolder("m5.yaml"));
        byte[] checkpoint = File.ReadAllBytes(InFolder("s.pth"));
        AssertOneErrorLine(KwscRun.Of("export", InFolder("s.pth"), "--config", InFolder("m5.yaml"), option, InFolder("s.pth")), "is also an input");
        AssertOneErrorLine(KwscRun.Of("export", InFolder("s.pth"), "--config", InFolder("m5.yaml"), option, Path.Combine(folder, ".", "m5.yaml")), "is also an input");
        File.CreateSymbolicLink(InFolder("link.pth"), InFolder("s.pth"));
        AssertOneErrorLine(KwscRun.Of("export", InFolder("s.pth"), "--config", InFolder("m5.yaml"), option, InFolder("link.pth")), "is also an input");
        Assert.That(File.ReadAllBytes(InFolder("s.pth")), Is.EqualTo(checkpoint));
    }

    [Test]
    public void Item10_outputs_are_written_whole_or_not_at_all()
    {
        File.WriteAllText(InFolder("m.kws.json"), "the previous manifest");
        File.WriteAllBytes(InFolder("nan.pth"), CheckpointEditor.EditTensor("m5_fp32.pth", "conv1.weight", w => w[0] = float.NaN));
        KwscRun failed = KwscRun.Of("export", InFolder("nan.pth"), "--config", FixturePaths.Of("m5.yaml"), "-o", InFolder("m.kws.json"));
        Assert.That(failed.ExitCode, Is.EqualTo(1));
        Assert.That(File.ReadAllText(InFolder("m.kws.json")), Is.EqualTo("the previous manifest"));

        Directory.CreateDirectory(InFolder("taken"));
        var e = Assert.Throws<CheckpointException>(() => OutputFile.WriteAllText(InFolder("taken"), "text", "the manifest"))!;
        Assert.That(e.Message, Does.Contain("taken: cannot write the manifest"));

        KwscRun written = KwscRun.Of("export", FixturePaths.Of("m5_fp32.pth"), "--config", FixturePaths.Of("m5.yaml"), "-o", InFolder("m.kws.json"));
        Assert.That(written.ExitCode, Is.Zero, written.Error);
        Assert.That(File.ReadAllText(InFolder("m.kws.json")), Does.StartWith("{"));
        Assert.That(Directory.GetFiles(folder, "*.tmp"), Is.Empty, "no temporary file is left behind");
    }

    [Test]
    public void Item11_analyze_takes_labels_for_a_model_without_35_classes()
    {
        string[] labels = ["alpha", "beta", "gamma", "delta", "epsilon"];
        File.WriteAllLines(InFolder("labels.txt"), labels);
        foreach (string label in labels.Take(2))
        {
            Directory.CreateDirectory(InFolder($"clips/{label}"));
            File.WriteAllBytes(InFolder($"clips/{label}/{label}_0.wav"), []);
        }
        var output = new StringWriter();
        int exit = new AnalyzeCommand(model => _ => new float[model.InputLength]).Run(["--fp32", FixturePaths.Of("m5_small_fp32.pth"),
            "--quantized", FixturePaths.Of("m5_small_ptq.pth"), "--config", FixturePaths.Of("m5_small.yaml"), "--labels", InFolder("labels.txt"),
            "--samples", InFolder("clips")], output);
        Assert.That(exit, Is.Zero);
        Assert.That(output.ToString(), Does.Match(@"FP32\s+\d+\s+2\s"), "both clips are scored against the given labels");

        AssertOneErrorLine(KwscRun.Of("analyze", "--fp32", FixturePaths.Of("m5_small_fp32.pth"), "--quantized", FixturePaths.Of("m5_small_ptq.pth"),
            "--config", FixturePaths.Of("m5_small.yaml"), "--samples", InFolder("clips")), "give their names with --labels <file>");
    }

    [TestCase("yes\nno\nyes\n", "line 3: the label \"yes\" is already on line 1; labels must differ")]
    [TestCase("yes\nn\u0007o\n", "line 2: the label holds a control, format or line-separator character")]
    [TestCase("yes\nn\u2028o\n", "line 2: the label holds a control, format or line-separator character")]
    [TestCase("\u202Eyes\n", "line 1: the label holds a control, format or line-separator character")]
    public void Item12_labels_that_repeat_or_hold_control_characters_are_refused(string text, string expected)
    {
        File.WriteAllText(InFolder("labels.txt"), text);
        var e = Assert.Throws<CheckpointException>(() => LabelsFile.Read(InFolder("labels.txt")))!;
        Assert.That(e.Message, Is.EqualTo($"{InFolder("labels.txt")}: {expected}"));
    }

    [Test]
    public void Item12_labels_that_are_too_long_or_not_utf8_are_refused()
    {
        File.WriteAllText(InFolder("long.txt"), new string('x', LabelsFile.MaxLabelLength + 1));
        Assert.That(Assert.Throws<CheckpointException>(() => LabelsFile.Read(InFolder("long.txt")))!.Message,
            Does.Contain($"line 1: a label of {LabelsFile.MaxLabelLength + 1} characters is longer than {LabelsFile.MaxLabelLength}"));
        File.WriteAllBytes(InFolder("latin1.txt"), [(byte)'n', 0xE9, (byte)'\n']);
        Assert.That(Assert.Throws<CheckpointException>(() => LabelsFile.Read(InFolder("latin1.txt")))!.Message,
            Does.Contain("latin1.txt: not UTF-8 text, which a labels file must be"));
    }

    [Test]
    public void Item12_blank_lines_and_surrounding_spaces_in_labels_are_ignored()
    {
        File.WriteAllText(InFolder("labels.txt"), "\uFEFF  yes \r\n\r\n\tno\n\n");
        Assert.That(LabelsFile.Read(InFolder("labels.txt")), Is.EqualTo(new[] { "yes", "no" }));
    }

    [Test]
    public void Item12_inspect_of_a_directory_says_it_is_a_directory()
    {
        AssertOneErrorLine(KwscRun.Of("inspect", folder), $"{folder}: is a directory, not a checkpoint");
    }

    [Test]
    public void Item12_a_name_that_is_not_utf8_is_named_as_such()
    {
        // What .NET makes of a non-UTF-8 byte in a command-line argument on Linux: U+FFFD.
        AssertOneErrorLine(KwscRun.Of("inspect", InFolder("caf\uFFFD.pth")), "its name is not valid UTF-8");
        AssertOneErrorLine(KwscRun.Of("inspect", InFolder("missing.pth")), "missing.pth: no such file");
    }

    [Test]
    public void Item12_analyze_of_a_folder_without_labelled_clips_says_there_is_nothing_to_score()
    {
        Directory.CreateDirectory(InFolder("samples/formats"));
        File.WriteAllBytes(InFolder("samples/formats/a.wav"), []);
        File.WriteAllBytes(InFolder("samples/b.wav"), []);
        var output = new StringWriter();
        int exit = new AnalyzeCommand(model => _ => new float[model.InputLength]).Run(["--fp32", FixturePaths.Of("m5_fp32.pth"),
            "--quantized", FixturePaths.Of("m5_ptq.pth"), "--config", FixturePaths.Of("m5.yaml"), "--samples", InFolder("samples"),
            "-o", InFolder("report")], output);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero);
            Assert.That(output.ToString(), Does.Contain("2 clips, none in a folder named after one of the model's labels").And.Contain("nothing to score"));
            string html = File.ReadAllText(InFolder("report/report.html"));
            Assert.That(html, Does.Contain("nothing to score").And.Not.Contain("top-1 accuracy</th>"));
        });
    }

    [Test]
    public void Issue13_item4_pickle_errors_carry_their_byte_offset()
    {
        byte[] pickle = new PickleBuilder().Proto().Op(0xff).Stop().ToArray();
        var e = Assert.Throws<CheckpointException>(() => CheckpointReader.Read(ArchiveBuilder.Build(pickle), "bad.pth"))!;
        var inner = (PickleException)e.InnerException!;
        Assert.Multiple(() =>
        {
            Assert.That(inner.Offset, Is.EqualTo(2));
            Assert.That(inner.Opcode, Is.EqualTo(0xff));
            Assert.That(inner.Reason, Is.EqualTo("unsupported pickle opcode 0xff"));
            Assert.That(e.Message, Is.EqualTo("bad.pth: data.pkl: unsupported pickle opcode 0xff at byte 2"));
        });
    }
}
