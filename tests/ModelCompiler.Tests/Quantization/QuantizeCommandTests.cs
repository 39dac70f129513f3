using System.Text;
using System.Text.Json;
using Kws.Compiler.Tests.Support;
using Kws.Runtime.Interpretation;
using Kws.Runtime.Layers;
using Kws.Runtime.Manifest;
using Kws.Tests.Shared;

namespace Kws.Compiler.Tests.Quantization;

/// <summary><c>kwsc quantize</c> end to end on the bundled FP32 model and a few committed clips, and on bad input.</summary>
[NonParallelizable]
public class QuantizeCommandTests
{
    private static readonly string Checkpoint = RepositoryPaths.Model("cnn_fp32_model.pth");
    private static readonly string Config = RepositoryPaths.Model("configs/cnn_fp32.yaml");
    private string folder = "";
    private int clipFolders;

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("kwsc-quantize-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    /// <summary>The first <paramref name="perLabel"/> committed clips of a few labels, in label sub-folders.</summary>
    private string Clips(int perLabel = 2, params string[] labels)
    {
        string root = Path.Combine(folder, $"clips{++clipFolders}");
        foreach (string label in labels.Length > 0 ? labels : ["yes", "no", "up"])
        {
            Directory.CreateDirectory(Path.Combine(root, label));
            foreach (string clip in Directory.GetFiles(Path.Combine(RepositoryPaths.Samples, "clips", label)).Order(StringComparer.Ordinal).Take(perLabel))
            {
                File.Copy(clip, Path.Combine(root, label, Path.GetFileName(clip)));
            }
        }
        return root;
    }

    private string Output(string name = "model.kws.json") => Path.Combine(folder, name);

    private static KwscRun Quantize(string clips, params string[] options) =>
        KwscRun.Of(["quantize", Checkpoint, "--config", Config, "--calibrate", clips, .. options]);

    [Test]
    public void Help_lists_every_option()
    {
        KwscRun run = KwscRun.Of("quantize", "--help");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(0));
            foreach (string option in new[] { "--calibrate", "--activations", "--full-range", "--weights", "--bias-correction", "--sweep", "--eval", "--layer-wise", "--pick", "--int8-blocks", "--json" })
            {
                Assert.That(run.Output, Does.Contain(option));
            }
            Assert.That(KwscRun.Of("--help").Output, Does.Contain("quantize"));
        });
    }

    [Test]
    public void The_default_writes_an_int8_manifest_that_loads_and_reports_every_quantizer()
    {
        KwscRun run = Quantize(Clips(), "-o", Output("cnn_kwsc.kws.json"), "--eval", Clips(perLabel: 4, "yes", "no", "up", "down"));
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        InterpretedModel model = InterpretedModel.Load(Output("cnn_kwsc.kws.json"));
        Assert.Multiple(() =>
        {
            Assert.That(model.Manifest.Precision, Is.EqualTo(ModelPrecision.Int8));
            Assert.That(model.Name, Is.EqualTo("CnnKwsc"));
            Assert.That(model.Manifest.Source.File, Is.EqualTo("cnn_fp32_model.pth"));
            Assert.That(run.Output, Does.Contain("histogram affine reduce_range / minmax per_channel_symmetric"));
            Assert.That(run.Output, Does.Contain("6 calibration clips in 1 batch"));
            Assert.That(run.Output, Does.Match(@"int8\s+\d+\.\d\d%"), "the evaluation's accuracy line");
            Assert.That(run.Error, Is.Empty);
        });
    }

    [Test]
    public void The_json_report_names_the_quantizer_of_every_tensor()
    {
        KwscRun run = Quantize(Clips(), "-o", Output(), "--activations", "percentile:99.9", "--full-range", "--bias-correction", "--json");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        using JsonDocument json = JsonDocument.Parse(run.Output);
        JsonElement root = json.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("format").GetString(), Is.EqualTo("kws-quantize"));
            Assert.That(root.GetProperty("recipe").GetString(), Is.EqualTo("percentile 99.9 affine / minmax per_channel_symmetric + bias correction"));
            Assert.That(root.GetProperty("activations").EnumerateArray().Select(a => a.GetProperty("tensor").GetString()),
                Is.EqualTo(new[] { "quant", "conv1", "conv2", "conv3", "conv4", "fc1" }));
            Assert.That(root.GetProperty("calibration").GetProperty("clips").GetInt32(), Is.EqualTo(6));
        });
    }

    [Test]
    public void Auto_chooses_a_method_per_tensor_on_the_calibration_clips_and_says_what_it_tried()
    {
        KwscRun run = Quantize(Clips(), "-o", Output(), "--activations", "auto", "--json");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        using JsonDocument json = JsonDocument.Parse(run.Output);
        JsonElement[] steps = [.. json.RootElement.GetProperty("search").EnumerateArray()];
        Assert.Multiple(() =>
        {
            Assert.That(steps.Select(s => s.GetProperty("decides").GetString()), Is.EqualTo(new[] { "quant", "conv1", "conv2", "conv3", "conv4", "fc1", "weights" }));
            Assert.That(steps.Select(s => s.GetProperty("tried").GetArrayLength()), Is.EqualTo(new[] { 7, 7, 7, 7, 7, 7, 4 }));
            foreach (JsonElement step in steps.SkipLast(1))
            {
                string chosen = step.GetProperty("chosen").GetString()!;
                string tensor = step.GetProperty("decides").GetString()!;
                Assert.That(json.RootElement.GetProperty("activations").EnumerateArray().Single(a => a.GetProperty("tensor").GetString() == tensor)
                    .GetProperty("method").GetString(), Is.EqualTo(chosen));
            }
            Assert.That(InterpretedModel.Load(Output()).Manifest.Precision, Is.EqualTo(ModelPrecision.Int8));
        });
    }

    [Test]
    public void The_modular_layout_quantizes_to_the_same_layers_as_its_M5_twin()
    {
        // models/modular/cnn_fp32_model.pth holds the bundled FP32 weights under the seed repository's module names;
        // its forward pass ends in an adaptive average pool where the notebook's M5 has a global one.
        string clips = Clips();
        KwscRun m5 = Quantize(clips, "-o", Output("m5.kws.json"));
        KwscRun modular = KwscRun.Of(["quantize", RepositoryPaths.Model("modular/cnn_fp32_model.pth"),
            "--config", RepositoryPaths.Model("modular/configs/cnn_fp32.yaml"), "--calibrate", clips, "-o", Output("modular.kws.json")]);
        Assert.That(m5.ExitCode, Is.EqualTo(0), m5.Error);
        Assert.That(modular.ExitCode, Is.EqualTo(0), modular.Error);
        string[] Layers(string file) => [.. JsonDocument.Parse(File.ReadAllText(Output(file))).RootElement.GetProperty("layers")
            .EnumerateArray().Select(l => l.GetRawText().Replace("\"adaptiveavgpool1d\"", "\"globalavgpool1d\""))];
        Assert.That(Layers("modular.kws.json"), Is.EqualTo(Layers("m5.kws.json")));
    }

    [Test]
    public void A_model_of_another_size_and_vocabulary_quantizes()
    {
        // The recipe's variant: 10 words, 24 channels, stride 8, kernels 40/5/3/3, modular layout.
        KwscRun run = KwscRun.Of(["quantize", RepositoryPaths.Model("variant/cnn_fp32_model.pth"),
            "--config", RepositoryPaths.Model("variant/configs/cnn_fp32.yaml"), "--labels", RepositoryPaths.Model("variant/labels.txt"),
            "--calibrate", Clips(2, "down", "go", "left"), "-o", Output()]);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        ModelManifest manifest = InterpretedModel.Load(Output()).Manifest;
        Assert.Multiple(() =>
        {
            Assert.That(manifest.Precision, Is.EqualTo(ModelPrecision.Int8));
            Assert.That(manifest.Labels, Has.Count.EqualTo(10));
            Assert.That(manifest.Layers.OfType<Conv1dLayer>().Select(c => (c.OutChannels, c.KernelSize)),
                Is.EqualTo(new[] { (24, 40), (24, 5), (48, 3), (48, 3) }));
            Assert.That(manifest.Layers.OfType<Conv1dLayer>().First().Stride, Is.EqualTo(8));
        });
    }

    [Test]
    public void Int8_blocks_keep_the_other_blocks_in_float()
    {
        KwscRun run = Quantize(Clips(), "-o", Output(), "--int8-blocks", "1,fc1");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        ModelManifest manifest = InterpretedModel.Load(Output()).Manifest;
        Assert.Multiple(() =>
        {
            Assert.That(manifest.Precision, Is.EqualTo(ModelPrecision.Mixed));
            Assert.That(manifest.Layers.OfType<WeightedLayerSpec>().Where(l => l.IsQuantized).Select(l => l.Name), Is.EqualTo(new[] { "conv1", "fc1" }));
        });
    }

    [Test]
    public void The_sweep_ranks_at_least_24_configurations_and_picks_the_best()
    {
        KwscRun run = Quantize(Clips(perLabel: 1), "--sweep", "--json", "--pick", "best", "-o", Output("best.kws.json"));
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        using JsonDocument json = JsonDocument.Parse(run.Output);
        JsonElement[] configurations = [.. json.RootElement.GetProperty("configurations").EnumerateArray()];
        JsonElement[] evaluated = [.. configurations.Where(c => c.GetProperty("rank").GetInt32() > 0)];
        Assert.Multiple(() =>
        {
            Assert.That(evaluated, Has.Length.GreaterThanOrEqualTo(24));
            Assert.That(evaluated.Select(c => c.GetProperty("rank").GetInt32()), Is.EqualTo(Enumerable.Range(1, evaluated.Length)));
            Assert.That(configurations.Count(c => c.GetProperty("origin").GetString() == "seed grid"), Is.EqualTo(24), "the seed's 3 x 8 grid");
            Assert.That(configurations.Where(c => c.GetProperty("rank").GetInt32() == 0).Select(c => c.GetProperty("error").GetString()), Has.All.Not.Empty);
            Assert.That(evaluated[0].GetProperty("evaluation").GetProperty("sqnrDb").EnumerateObject().Select(p => p.Name),
                Is.EqualTo(new[] { "quant", "conv1", "conv2", "conv3", "conv4", "fc1" }));
            Assert.That(InterpretedModel.Load(Output("best.kws.json")).Manifest.Precision, Is.EqualTo(ModelPrecision.Int8));
        });
    }

    [Test]
    public void The_layer_wise_sweep_quantizes_one_block_at_a_time_then_all()
    {
        KwscRun run = Quantize(Clips(perLabel: 1), "--sweep", "--layer-wise");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.Multiple(() =>
        {
            foreach (string block in new[] { "[int8: conv1]", "[int8: conv2]", "[int8: conv3]", "[int8: conv4]", "[int8: fc1]", "[int8: conv1 conv2 conv3 conv4 fc1]" })
            {
                Assert.That(run.Output, Does.Contain(block));
            }
            Assert.That(run.Output, Does.Contain("6 configurations"));
        });
    }

    /// <summary>Options after the checkpoint, config and calibration folder; OUT stands for the output file.</summary>
    public static IEnumerable<TestCaseData> UsageErrors() =>
    [
        new TestCaseData((object)new[] { "--activations", "median", "-o", "OUT" }).SetName("an unknown activation method"),
        new TestCaseData((object)new[] { "--activations", "percentile:30", "-o", "OUT" }).SetName("a percentile below 50"),
        new TestCaseData((object)new[] { "--weights", "per-channel-affine", "-o", "OUT" }).SetName("affine weights the engines cannot run"),
        new TestCaseData((object)new[] { "--activation-scheme", "symmetric", "--activations", "minmax", "-o", "OUT" }).SetName("symmetric minmax with reduce_range"),
        new TestCaseData((object)new[] { "--batch-size", "0", "-o", "OUT" }).SetName("a batch of no clips"),
        new TestCaseData((object)new[] { "--int8-blocks", "9", "-o", "OUT" }).SetName("a block the model does not have"),
        new TestCaseData((object)new[] { "--layer-wise", "-o", "OUT" }).SetName("layer-wise without sweep"),
        new TestCaseData((object)new[] { "--sweep", "--pick", "worst", "-o", "OUT" }).SetName("a pick other than best"),
        new TestCaseData((object)new[] { "--sweep", "-o", "OUT" }).SetName("a sweep output without pick"),
        new TestCaseData((object)Array.Empty<string>()).SetName("no output"),
        new TestCaseData((object)new[] { "--activations", "auto", "--full-range", "-o", "OUT" }).SetName("auto with a setting it decides itself"),
        new TestCaseData((object)new[] { "--activations", "auto", "--sweep" }).SetName("auto with sweep"),
    ];

    [TestCaseSource(nameof(UsageErrors))]
    public void A_wrong_command_line_is_one_line_and_exit_2(string[] options)
    {
        KwscRun run = Quantize(Clips(perLabel: 1), [.. options.Select(o => o == "OUT" ? Output() : o)]);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.Error);
            Assert.That(run.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(run.Error, Does.StartWith("kwsc: error: quantize: "));
            Assert.That(File.Exists(Output()), Is.False);
        });
    }

    [Test]
    public void An_empty_calibration_folder_is_refused()
    {
        string empty = Directory.CreateDirectory(Path.Combine(folder, "empty")).FullName;
        AssertRefused(Quantize(empty, "-o", Output()), "no .wav files");
    }

    [Test]
    public void An_already_quantized_checkpoint_is_refused()
    {
        KwscRun run = KwscRun.Of("quantize", RepositoryPaths.Model("cnn_ptq_model.pth"), "--config", RepositoryPaths.Model("configs/cnn_ptq.yaml"),
            "--calibrate", Clips(perLabel: 1), "-o", Output());
        AssertRefused(run, "already quantized");
    }

    [Test]
    public void An_output_that_is_the_checkpoint_is_refused()
    {
        string copy = Path.Combine(folder, "fp32.pth");
        File.Copy(Checkpoint, copy);
        KwscRun run = KwscRun.Of("quantize", copy, "--config", Config, "--calibrate", Clips(perLabel: 1), "-o", copy);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1));
            Assert.That(run.Error, Does.Contain("is also an input"));
            Assert.That(File.ReadAllBytes(copy), Is.EqualTo(File.ReadAllBytes(Checkpoint)));
        });
    }

    [Test]
    public void A_broken_clip_is_refused_by_name()
    {
        string clips = Clips(perLabel: 1);
        File.WriteAllBytes(Path.Combine(clips, "yes", "zz_broken.wav"), Encoding.ASCII.GetBytes("RIFF....WAVEjunk"));
        AssertRefused(Quantize(clips, "-o", Output()), "zz_broken.wav");
    }

    [Test]
    public void A_clip_holding_nan_is_refused_by_name()
    {
        string clips = Clips(perLabel: 1);
        float[] samples = new float[16000];
        samples[5000] = float.NaN;
        File.WriteAllBytes(Path.Combine(clips, "no", "zz_nan.wav"), FloatWav(samples, 16000));
        AssertRefused(Quantize(clips, "-o", Output()), "zz_nan.wav");
    }

    /// <summary>Documented fallback: PyTorch's quantizer for an all-zero tensor (scale eps), and a warning on stderr.</summary>
    [Test]
    public void Silent_calibration_clips_give_a_warning_and_pytorchs_fallback()
    {
        string clips = Directory.CreateDirectory(Path.Combine(folder, "silence", "yes")).FullName;
        File.WriteAllBytes(Path.Combine(clips, "a.wav"), FloatWav(new float[16000], 16000));
        KwscRun run = Quantize(Path.GetDirectoryName(clips)!, "-o", Output());
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
            Assert.That(run.Output, Does.Contain("warning: the model input was 0 on every calibration clip"));
            Assert.That(InterpretedModel.Load(Output()).Manifest.Tensors[1].Quantization!.Scale, Is.EqualTo(1.1920928955078125e-07));
        });
    }

    [Test]
    public void Clips_of_other_rates_and_lengths_are_resampled_and_fitted()
    {
        string clips = Clips(perLabel: 1);
        string formats = Path.Combine(RepositoryPaths.Samples, "formats");
        foreach (string file in Directory.GetFiles(formats, "*.wav").Order(StringComparer.Ordinal).Take(6))
        {
            File.Copy(file, Path.Combine(clips, Path.GetFileName(file)));
        }
        KwscRun run = Quantize(clips, "-o", Output());
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
            Assert.That(run.Output, Does.Contain("9 calibration clips"));
        });
    }

    private void AssertRefused(KwscRun run, string says) => Assert.Multiple(() =>
    {
        Assert.That(run.ExitCode, Is.EqualTo(1), run.Output);
        Assert.That(run.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(run.Error, Does.StartWith("kwsc: error: ").And.Contain(says).And.Not.Contain("internal error"));
        Assert.That(File.Exists(Output()), Is.False, "no manifest is written");
    });

    /// <summary>A mono IEEE-float WAV.</summary>
    private static byte[] FloatWav(float[] samples, int rate)
    {
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream);
        w.Write("RIFF"u8);
        w.Write(36 + samples.Length * 4);
        w.Write("WAVEfmt "u8);
        w.Write(16);
        w.Write((short)3);
        w.Write((short)1);
        w.Write(rate);
        w.Write(rate * 4);
        w.Write((short)4);
        w.Write((short)32);
        w.Write("data"u8);
        w.Write(samples.Length * 4);
        foreach (float s in samples)
        {
            w.Write(s);
        }
        w.Flush();
        return stream.ToArray();
    }
}
