using System.Text.Json;
using Kws.Compiler.Diff;
using Kws.Compiler.Tests.Support;

namespace Kws.Compiler.Tests;

/// <summary>
/// What kwsc inspect and diff say about the modular and layer-wise checkpoints: which blocks are int8, which float,
/// fused or not; a modular checkpoint against its M5-layout twin is the same tensors under other names; FP32 against a
/// layer-wise checkpoint lists what was folded, quantized and kept.
/// </summary>
public sealed class ModularInspectAndDiffTests
{
    [Test]
    public void Inspect_says_which_block_is_int8_and_which_are_fused_float()
    {
        KwscRun run = KwscRun.Of("inspect", FixturePaths.Of("layerwise_q2.pth"));
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(run.Output, Does.StartWith("layerwise_q2.pth has 14 keys:\nblock1.block.0.0.weight torch.float32 torch.Size([8, 1, 80])\n"));
        string summary = run.Output[(run.Output.IndexOf("\n\n", StringComparison.Ordinal) + 2)..];
        Assert.That(summary.Split('\n')[0], Is.EqualTo(
            "recognised: an M5 in the modular layout (M5Modular: block{i}.block = conv, bn, relu, pool), layer-wise quantized (block 2 int8, the other blocks and fc1 float32)"));
        Assert.That(summary, Does.Contain("  quant  quant.*             QuantStub before conv2: scale ")
            .And.Contain("  conv1  block1.block.0.0.*  float32 ConvReLU1d, fused (BatchNorm folded by PyTorch), [8, 1, 80]\n")
            .And.Contain("  conv2  block2.block.0.*    int8 QuantizedConvReLU1d, fused (BatchNorm folded), [8, 8, 3], output scale ")
            .And.Contain("  fc1    fc1.*               float32 Linear, [35, 16]\n"));
    }

    [Test]
    public void Inspect_of_an_unfused_FP32_checkpoint_names_its_BatchNorm_modules()
    {
        KwscRun run = KwscRun.Of("inspect", FixturePaths.Of("modular_fp32.pth"));
        Assert.That(run.Output, Does.Contain("FP32 (every stage float32)\n")
            .And.Contain("  conv3  block3.block.0.* + block3.block.1.*  float32 conv + BatchNorm, unfused (kwsc folds the BatchNorm), [16, 8, 3]\n"));
    }

    [Test]
    public void Inspect_of_an_inconsistent_checkpoint_lists_it_and_says_why_it_cannot_be_compiled()
    {
        KwscRun run = KwscRun.Of("inspect", FixturePaths.Of("bad_two_int8_blocks.pth"));
        Assert.That(run.ExitCode, Is.Zero);
        // After the keys: why it is not an M5 kwsc can compile, then (int8 weights) the engine guess, which ends every listing.
        string[] lines = run.Output.TrimEnd().Split('\n');
        Assert.That(lines[^2], Is.EqualTo(
            "not an M5 checkpoint kwsc can compile: bad_two_int8_blocks.pth: 2 int8 blocks (block1.block.0.weight, block3.block.0.weight are qint8): " +
            "an M5 checkpoint has every layer int8 (PTQ/QAT) or exactly one int8 block with the rest float (layer-wise), not this mix"));
        Assert.That(lines[^1], Does.StartWith("engine: onednn"));
    }

    [Test]
    public void Inspect_json_carries_the_recognised_model()
    {
        KwscRun run = KwscRun.Of("inspect", FixturePaths.Of("layerwise_q3.pth"), "--json");
        using JsonDocument json = JsonDocument.Parse(run.Output);
        JsonElement model = json.RootElement.GetProperty("model");
        Assert.That(model.GetProperty("layout").GetString(), Is.EqualTo("modular"));
        Assert.That(model.GetProperty("quantization").GetString(), Is.EqualTo("layer-wise"));
        Assert.That(model.GetProperty("precision").GetString(), Is.EqualTo("mixed"));
        Assert.That(model.GetProperty("int8Blocks").EnumerateArray().Select(e => e.GetInt32()), Is.EqualTo(new[] { 3 }));
        Assert.That(model.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("form").GetString()),
            Is.EqualTo(new[] { "float-fused", "float-fused", "int8-fused", "float-fused" }));
        Assert.That(model.GetProperty("classifier").GetString(), Is.EqualTo("float32"));
    }

    [Test]
    public void Diff_of_a_modular_checkpoint_and_its_M5_twin_is_a_key_mapping()
    {
        KwscRun run = KwscRun.Of("diff", FixturePaths.Of("modular_fp32.pth"), FixturePaths.Of("m5_fp32.pth"));
        string[] lines = run.Output.Split('\n');
        Assert.That(lines[2], Does.EndWith("| same tensors under other names (`blockX.block.0.*` = `convX.*`) |"));
        Assert.That(lines[3], Does.EndWith("| same tensors under other names (`blockX.block.1.*` = `bnX.*`) |"));
        Assert.That(lines[4], Does.EndWith("| identical |"));
        Assert.That(run.Output, Does.Contain("| conv2 | float32 conv + BatchNorm (`block2.block.0`, `block2.block.1`) | float32 conv + BatchNorm (`conv2`, `bn2`) | kept (same values), `block2.block.0` -> `conv2` |")
            .And.Contain($"keys matched under the M5's names: {KeyMapping.Description}\n")
            .And.Contain("= block1.block.1.running_var -> bn1.running_var\n"));
        Assert.That(lines.Count(l => l.StartsWith("= ", StringComparison.Ordinal)), Is.EqualTo(28));
        Assert.That(lines.Where(l => l.Length > 1 && "-+~*".Contains(l[0]) && l[1] == ' '), Is.Empty);
    }

    [Test]
    public void Diff_of_two_checkpoints_with_the_same_file_name_heads_its_tables_with_their_paths()
    {
        string folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "diff-same-name");
        string m5 = Path.Combine(folder, "m5", "cnn_fp32_model.pth"), modular = Path.Combine(folder, "modular", "cnn_fp32_model.pth");
        Directory.CreateDirectory(Path.GetDirectoryName(m5)!);
        Directory.CreateDirectory(Path.GetDirectoryName(modular)!);
        File.Copy(FixturePaths.Of("m5_fp32.pth"), m5, overwrite: true);
        File.Copy(FixturePaths.Of("modular_fp32.pth"), modular, overwrite: true);
        string[] lines = KwscRun.Of("diff", m5, modular).Output.Split('\n');
        Assert.That(lines[0], Is.EqualTo($"| Components | {m5} keys (30) | {modular} keys (30) | Difference |"));
        Assert.That(lines, Does.Contain($"| Layer | {m5} | {modular} | What happened |"));
    }

    [Test]
    public void Diff_of_FP32_and_a_layer_wise_checkpoint_lists_what_was_folded_quantized_and_kept()
    {
        KwscRun run = KwscRun.Of("diff", FixturePaths.Of("modular_fp32.pth"), FixturePaths.Of("layerwise_q2.pth"));
        Assert.That(run.Output, Does.Contain("| Quant Stubs |  | `quant.scale`, `quant.zero_point` | quant stubs added (input scale and zero point) |"));
        string[] layers = run.Output.Split('\n').SkipWhile(l => !l.StartsWith("| Layer |", StringComparison.Ordinal)).Skip(2).TakeWhile(l => l.Length > 0).ToArray();
        Assert.That(layers.Select(l => l.Split(" | ")[0]), Is.EqualTo(new[] { "| quant", "| conv1", "| conv2", "| conv3", "| conv4", "| fc1" }));
        Assert.That(layers.Select(l => l.Split(" | ")[^1]), Is.EqualTo(new[]
        {
            "added: the input quantization of the int8 part |",
            "BatchNorm folded (the float32 weights within 1.5E-08 of kwsc's own folding), `block1.block.0` -> `block1.block.0.0` |",
            "BatchNorm folded, quantized to int8 |",
            "BatchNorm folded (the float32 weights within 3E-08 of kwsc's own folding), `block3.block.0` -> `block3.block.0.0` |",
            "BatchNorm folded (the float32 weights within 1.5E-08 of kwsc's own folding), `block4.block.0` -> `block4.block.0.0` |",
            "kept (same values) |",
        }));
        Assert.That(run.Output, Does.Contain("~ block2.block.0.weight: torch.float32 torch.Size([8, 8, 3]) -> torch.qint8 torch.Size([8, 8, 3]) per_channel_affine\n")
            .And.Contain("* block1.block.0.weight -> block1.block.0.0.weight: same dtype and shape, different values\n")
            .And.Contain("- block2.block.1.running_mean\n"));
    }

    [Test]
    public void Diff_of_two_layer_wise_checkpoints_shows_the_int8_block_moving()
    {
        KwscRun run = KwscRun.Of("diff", FixturePaths.Of("layerwise_q1.pth"), FixturePaths.Of("layerwise_q4.pth"));
        Assert.That(run.Output, Does.Contain("| conv1 | int8 QuantizedConvReLU1d (`block1.block.0`) | float32 ConvReLU1d, BatchNorm folded (`block1.block.0.0`) | float32 in the second, `block1.block.0` -> `block1.block.0.0` |")
            .And.Contain("| conv4 | float32 ConvReLU1d, BatchNorm folded (`block4.block.0.0`) | int8 QuantizedConvReLU1d (`block4.block.0`) | quantized to int8, `block4.block.0.0` -> `block4.block.0` |")
            .And.Contain("| conv2 | float32 ConvReLU1d, BatchNorm folded (`block2.block.0.0`) | float32 ConvReLU1d, BatchNorm folded (`block2.block.0.0`) | kept (same values) |"));
    }

    [Test]
    public void Diff_of_a_checkpoint_that_is_not_an_M5_skips_the_layer_table()
    {
        KwscRun run = KwscRun.Of("diff", FixturePaths.Of("views.pth"), FixturePaths.Of("m5_fp32.pth"));
        Assert.That(run.ExitCode, Is.Zero);
        Assert.That(run.Output, Does.Contain("layers not compared: views.pth: it has no conv1.weight tensor, so it is not an M5 state_dict\n"));
    }
}
