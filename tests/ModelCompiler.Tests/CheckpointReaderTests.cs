using System.Text.Json;
using Kws.Compiler.Checkpoints;
using Kws.Compiler.Cli;
using Kws.Compiler.Pickle;
using Kws.Compiler.Tests.Support;

namespace Kws.Compiler.Tests;

/// <summary>Reading real torch.save output: listings as PyTorch prints them, values, strides, byte order.</summary>
public sealed class CheckpointReaderTests
{
    private static IEnumerable<string> ListedCheckpoints => FixturePaths.M5Checkpoints.Select(c => c.Checkpoint);

    [TestCaseSource(nameof(ListedCheckpoints))]
    public void Inspect_listing_matches_what_PyTorch_prints(string fileName)
    {
        Checkpoint checkpoint = CheckpointReader.Read(FixturePaths.Of(fileName));
        var text = new StringWriter();
        CheckpointListing.WriteText(checkpoint, text);

        string[] lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] expected = File.ReadAllLines(FixturePaths.Of(Path.ChangeExtension(fileName, ".keys.txt")));
        Assert.That(lines[0], Is.EqualTo($"{fileName} has {expected.Length} keys:"));
        Assert.That(lines.Skip(1).Where(l => !l.StartsWith(' ')), Is.EqualTo(expected));
    }

    [Test]
    public void Seed_key_counts_hold_for_fp32_and_quantized()
    {
        Assert.That(CheckpointReader.Read(FixturePaths.Of("m5_fp32.pth")).Entries, Has.Count.EqualTo(30));
        Assert.That(CheckpointReader.Read(FixturePaths.Of("m5_ptq.pth")).Entries, Has.Count.EqualTo(22));
    }

    [Test]
    public void Quantized_weights_carry_their_per_channel_quantizer()
    {
        Checkpoint checkpoint = CheckpointReader.Read(FixturePaths.Of("m5_ptq.pth"));
        TorchTensor weight = checkpoint.Tensor("conv3.weight");
        Assert.That(weight.DType, Is.EqualTo(TorchDType.QInt8));
        Assert.That(weight.Quantization!.Scheme, Is.EqualTo(QuantizationScheme.PerChannelAffine));
        Assert.That(weight.Quantization.Axis, Is.Zero);
        Assert.That(weight.Quantization.Scales, Has.Length.EqualTo(16).And.All.GreaterThan(0));
        Assert.That(weight.Quantization.ZeroPoints, Is.All.Zero);
        Assert.That(checkpoint["fc1._packed_params.dtype"], Is.EqualTo(new TorchDTypeValue(TorchDType.QInt8)));
        var packed = (PickleTuple)checkpoint["fc1._packed_params._packed_params"]!;
        Assert.That(((TorchTensor)packed[0]!).Shape, Is.EqualTo(new long[] { 35, 16 }));
        Assert.That(((TorchTensor)packed[1]!).DType, Is.EqualTo(TorchDType.Float32));
    }

    [TestCase("m5_ptq_protocol4.pth")]
    [TestCase("m5_ptq_protocol5.pth")]
    public void Pickle_protocols_4_and_5_read_the_same_state_dict_as_protocol_2(string fileName)
    {
        Checkpoint protocol2 = CheckpointReader.Read(FixturePaths.Of("m5_ptq.pth"));
        Checkpoint newer = CheckpointReader.Read(FixturePaths.Of(fileName));
        Assert.That(newer.Entries.Select(e => e.Key), Is.EqualTo(protocol2.Entries.Select(e => e.Key)));
        Assert.That(newer.Tensor("conv2.weight").Data, Is.EqualTo(protocol2.Tensor("conv2.weight").Data));
        Assert.That(newer.Tensor("conv2.weight").Quantization!.Scales, Is.EqualTo(protocol2.Tensor("conv2.weight").Quantization!.Scales));
        Assert.That(newer.Tensor("quant.scale").Data, Is.EqualTo(protocol2.Tensor("quant.scale").Data));
    }

    [Test]
    public void Per_tensor_weights_have_one_scale_and_zero_point()
    {
        TorchTensor weight = CheckpointReader.Read(FixturePaths.Of("m5_per_tensor_ptq.pth")).Tensor("conv2.weight");
        Assert.That(weight.Quantization!.Scheme, Is.EqualTo(QuantizationScheme.PerTensorAffine));
        Assert.That(weight.Quantization.Scales, Has.Length.EqualTo(1));
        Assert.That(weight.Quantization.ZeroPoints, Is.EqualTo(new[] { 0.0 }));
    }

    [Test]
    public void Views_dtypes_strides_and_offsets_give_PyTorchs_values()
    {
        Checkpoint checkpoint = CheckpointReader.Read(FixturePaths.Of("views.pth"));
        var expected = JsonSerializer.Deserialize<Dictionary<string, double[]>>(File.ReadAllText(FixturePaths.Of("views.values.json")))!;
        Assert.That(checkpoint.Entries.Select(e => e.Key), Is.EquivalentTo(expected.Keys));
        foreach (var (key, values) in expected)
        {
            Assert.That(checkpoint.Tensor(key).ToDoubles(), Is.EqualTo(values), key);
        }
    }

    [Test]
    public void Big_endian_checkpoint_reads_the_same_values_as_little_endian()
    {
        Checkpoint little = CheckpointReader.Read(FixturePaths.Of("m5_fp32.pth"));
        Checkpoint big = CheckpointReader.Read(FixturePaths.Of("m5_fp32_big_endian.pth"));
        Assert.That(big.Entries.Select(e => e.Key), Is.EqualTo(little.Entries.Select(e => e.Key)));
        foreach (StateDictEntry entry in little.Entries)
        {
            Assert.That(big.Tensor(entry.Key).Data, Is.EqualTo(((TorchTensor)entry.Value!).Data), entry.Key);
        }
    }

    [Test]
    public void Any_archive_folder_name_is_accepted()
    {
        byte[] pickle = new PickleBuilder().BeginStateDict().Unicode("w")
            .Tensor("FloatStorage", "0", 2, 0, [2], [1]).EndStateDict().ToArray();
        byte[] zip = ArchiveBuilder.Build(pickle, new Dictionary<string, byte[]> { ["0"] = new byte[8] }, prefix: "some name-1.2");
        Assert.That(CheckpointReader.Read(zip, "x.pth").Tensor("w").Shape, Is.EqualTo(new long[] { 2 }));
    }

    [Test]
    public void Json_listing_writes_non_finite_values_as_strings()
    {
        byte[] pickle = new PickleBuilder().BeginStateDict().Unicode("nan")
            .Tensor("FloatStorage", "0", 1, 0, [], []).EndStateDict().ToArray();
        byte[] zip = ArchiveBuilder.Build(pickle, new Dictionary<string, byte[]> { ["0"] = BitConverter.GetBytes(float.NaN) });
        using var buffer = new MemoryStream();
        CheckpointListing.WriteJson(CheckpointReader.Read(zip, "nan.pth"), buffer);
        using JsonDocument json = JsonDocument.Parse(buffer.ToArray());
        Assert.That(json.RootElement.GetProperty("entries")[0].GetProperty("value").GetString(), Is.EqualTo("NaN"));
    }

    [Test]
    public void Sha256_is_that_of_the_file()
    {
        string path = FixturePaths.Of("m5_ptq.pth");
        string expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
        Assert.That(CheckpointReader.Read(path).Sha256, Is.EqualTo(expected));
    }
}
