using Kws.Compiler.Checkpoints;
using Kws.Compiler.Tests.Support;

namespace Kws.Compiler.Tests;

/// <summary>Every hostile, unsupported or corrupt input gets one <see cref="CheckpointException"/> that says what is wrong.</summary>
public sealed class HostileInputTests
{
    private static CheckpointException ReadFails(byte[] bytes) =>
        Assert.Throws<CheckpointException>(() => CheckpointReader.Read(bytes, "bad.pth"))!;

    private static byte[] PickleArchive(PickleBuilder pickle) => ArchiveBuilder.Build(pickle.ToArray());

    [Test]
    public void Os_system_pickled_by_python_is_refused_by_name()
    {
        var e = Assert.Throws<CheckpointException>(() => CheckpointReader.Read(FixturePaths.Of("hostile_os_system.pth")))!;
        Assert.That(e.Message, Does.Contain("refusing the global posix.system"));
    }

    [TestCase("os", "system")]
    [TestCase("builtins", "eval")]
    [TestCase("builtins", "exec")]
    [TestCase("subprocess", "Popen")]
    [TestCase("subprocess", "check_output")]
    [TestCase("torch.nn", "Linear")]
    [TestCase("torch", "load")]
    [TestCase("torch._utils", "_rebuild_device_tensor_from_numpy")]
    [TestCase("collections", "defaultdict")]
    public void Globals_off_the_allow_list_are_refused_by_name(string module, string name)
    {
        byte[] viaGlobal = PickleArchive(new PickleBuilder().Proto().Global(module, name).Mark().Unicode("echo pwned").Tuple().Reduce().Stop());
        byte[] viaStackGlobal = PickleArchive(new PickleBuilder().Proto(4).StackGlobal(module, name).Mark().Unicode("x").Tuple().Reduce().Stop());
        Assert.That(ReadFails(viaGlobal).Message, Does.Contain($"refusing the global {module}.{name}"));
        Assert.That(ReadFails(viaStackGlobal).Message, Does.Contain($"refusing the global {module}.{name}"));
    }

    [Test]
    public void Reduce_of_an_allowed_but_non_callable_value_is_refused()
    {
        var pickle = new PickleBuilder().Proto().Global("torch", "FloatStorage").EmptyTuple().Reduce().Stop();
        Assert.That(ReadFails(PickleArchive(pickle)).Message, Does.Contain("refusing to call StorageClass"));
    }

    [Test]
    public void Reduce_of_a_string_is_refused()
    {
        var pickle = new PickleBuilder().Proto().Unicode("os.system").EmptyTuple().Reduce().Stop();
        Assert.That(ReadFails(PickleArchive(pickle)).Message, Does.Contain("refusing to call str"));
    }

    [TestCase((byte)'i', "INST")]
    [TestCase((byte)'o', "INST/OBJ")]
    [TestCase((byte)0x82, "EXT")]
    [TestCase((byte)0x97, "out-of-band")]
    [TestCase((byte)0xff, "unsupported pickle opcode 0xff")]
    public void Unsupported_opcodes_are_named(byte opcode, string expected)
    {
        Assert.That(ReadFails(PickleArchive(new PickleBuilder().Proto().Op(opcode).Stop())).Message,
            Does.Contain("unsupported pickle opcode").And.Contain(expected));
    }

    [Test]
    public void Build_on_anything_but_an_ordered_dict_is_refused()
    {
        var pickle = new PickleBuilder().Proto().Unicode("x").EmptyDict().Build().Stop();
        Assert.That(ReadFails(PickleArchive(pickle)).Message, Does.Contain("refusing BUILD on str"));
    }

    [Test]
    public void A_100_GB_tensor_claim_is_an_error_before_allocation()
    {
        long count = 25_000_000_000; // 100 GB of float32
        byte[] zip = ArchiveBuilder.OneTensor(count, [count], [1], storageFloats: 4);
        Assert.That(ReadFails(zip).Message, Does.Contain("storage 0 claims 25000000000 elements"));
    }

    [Test]
    public void A_storage_larger_than_its_archive_entry_is_an_error()
    {
        byte[] zip = ArchiveBuilder.OneTensor(1000, [1000], [1], storageFloats: 4);
        Assert.That(ReadFails(zip).Message, Does.Contain("storage 0 is 16 bytes in the archive but the pickle claims 4000 bytes"));
    }

    [Test]
    public void A_view_reaching_past_its_storage_is_an_error()
    {
        byte[] zip = ArchiveBuilder.OneTensor(4, [3, 2], [2, 1], storageFloats: 4);
        Assert.That(ReadFails(zip).Message, Does.Contain("reaches element 5 of storage 0, which has 4"));
    }

    [Test]
    public void A_stride_zero_view_claiming_100_GB_is_an_error()
    {
        long count = 25_000_000_000;
        byte[] zip = ArchiveBuilder.OneTensor(1, [count], [0], storageFloats: 1);
        Assert.That(ReadFails(zip).Message, Does.Contain("(100000000000 bytes) needs more memory than the").And.Contain("limit for this checkpoint"));
    }

    [Test]
    public void Deeply_nested_values_are_refused_before_anything_walks_them()
    {
        var pickle = new PickleBuilder().BeginStateDict().Unicode("w").Op(')');
        for (int i = 0; i < 100_000; i++) pickle.Op(0x85); // TUPLE1, 100 000 levels deep
        Assert.That(ReadFails(ArchiveBuilder.Build(pickle.EndStateDict().ToArray())).Message,
            Does.Contain("the value of w nests containers more than 4 deep"));
    }

    [Test]
    public void Sizes_that_overflow_are_an_error()
    {
        byte[] zip = ArchiveBuilder.OneTensor(1, [long.MaxValue / 2, 4], [0, 0], storageFloats: 1);
        Assert.That(ReadFails(zip).Message, Does.Contain("overflows"));
    }

    [Test]
    public void Negative_sizes_are_an_error()
    {
        byte[] zip = ArchiveBuilder.OneTensor(4, [-1], [1], storageFloats: 4);
        Assert.That(ReadFails(zip).Message, Does.Contain("negative size or stride"));
    }

    [Test]
    public void A_missing_storage_entry_is_named()
    {
        byte[] pickle = new PickleBuilder().BeginStateDict().Unicode("w").Tensor("FloatStorage", "7", 1, 0, [1], [1]).EndStateDict().ToArray();
        Assert.That(ReadFails(ArchiveBuilder.Build(pickle)).Message, Does.Contain("refers to storage 7 but the archive has no entry archive/data/7"));
    }

    [Test]
    public void A_storage_key_with_a_path_is_refused()
    {
        byte[] pickle = new PickleBuilder().BeginStateDict().Unicode("w").Tensor("FloatStorage", "../x", 1, 0, [1], [1]).EndStateDict().ToArray();
        Assert.That(ReadFails(ArchiveBuilder.Build(pickle)).Message, Does.Contain("storage key \"../x\" is not a plain name"));
    }

    [Test]
    public void Legacy_non_zip_checkpoints_get_the_resave_advice()
    {
        var e = Assert.Throws<CheckpointException>(() => CheckpointReader.Read(FixturePaths.Of("legacy_fp32.pth")))!;
        Assert.That(e.Message, Does.Contain("legacy (pre-1.6, non-zip)").And.Contain("torch.save(model.state_dict(), path)"));
    }

    [Test]
    public void TorchScript_archives_get_the_resave_advice()
    {
        var e = Assert.Throws<CheckpointException>(() => CheckpointReader.Read(FixturePaths.Of("torchscript_fp32.pt")))!;
        Assert.That(e.Message, Does.Contain("TorchScript archive").And.Contain("torch.save(model.state_dict(), path)"));
    }

    [Test]
    public void Truncated_zip_is_a_clear_error()
    {
        byte[] bytes = File.ReadAllBytes(FixturePaths.Of("m5_ptq.pth"));
        Assert.That(ReadFails(bytes[..(bytes.Length / 2)]).Message, Does.Contain("corrupt or truncated"));
    }

    [Test]
    public void Truncated_pickle_is_a_clear_error()
    {
        byte[] pickle = new PickleBuilder().BeginStateDict().Unicode("w").ToArray();
        Assert.That(ReadFails(ArchiveBuilder.Build(pickle[..^2])).Message, Does.Contain("the pickle is truncated"));
    }

    [Test]
    public void A_pickle_that_is_not_a_dict_is_refused()
    {
        Assert.That(ReadFails(PickleArchive(new PickleBuilder().Proto().Int(5).Stop())).Message, Does.Contain("holds a int, not a state_dict"));
    }

    [Test]
    public void Memo_references_that_were_never_stored_are_an_error()
    {
        Assert.That(ReadFails(PickleArchive(new PickleBuilder().Proto().Op('h').Byte(9).Stop())).Message, Does.Contain("memo entry 9 was never stored"));
    }

    [Test]
    public void Stack_underflow_is_an_error()
    {
        Assert.That(ReadFails(PickleArchive(new PickleBuilder().Proto().Reduce().Stop())).Message, Does.Contain("stack underflow"));
    }

    [Test]
    public void A_zip_without_data_pkl_is_not_a_checkpoint()
    {
        byte[] zip = ArchiveBuilder.Build([], prefix: "a/b");
        Assert.That(ReadFails(zip).Message, Does.Contain("no <name>/data.pkl entry"));
    }

    [Test]
    public void A_bad_byteorder_entry_is_an_error()
    {
        byte[] pickle = new PickleBuilder().Proto().EmptyDict().Stop().ToArray();
        byte[] zip = ArchiveBuilder.Build(pickle, extraEntries: new Dictionary<string, byte[]> { ["byteorder"] = "middle"u8.ToArray() });
        Assert.That(ReadFails(zip).Message, Does.Contain("byteorder entry says \"middle\""));
    }

    [TestCase(new byte[0], "the file is empty")]
    [TestCase(new byte[] { (byte)'h', (byte)'i' }, "not a PyTorch checkpoint")]
    public void Files_that_are_not_checkpoints_are_named_as_such(byte[] bytes, string expected)
    {
        Assert.That(ReadFails(bytes).Message, Does.Contain(expected));
    }

    [Test]
    public void A_missing_file_is_an_error_naming_it()
    {
        var e = Assert.Throws<CheckpointException>(() => CheckpointReader.Read("/nonexistent/model.pth"))!;
        Assert.That(e.Message, Is.EqualTo("/nonexistent/model.pth: no such file"));
    }
}
