using Kws.Compiler.Checkpoints;
using Kws.Compiler.Configuration;
using Kws.Compiler.Pickle;
using Kws.Compiler.Tests.Support;

namespace Kws.Compiler.Tests;

/// <summary>
/// The limits of docs/limits.md that Issue19RegressionTests does not already reach, each refused before the work it
/// bounds: one <see cref="CheckpointException"/> naming the limit.
/// </summary>
public sealed class LimitsTests
{
    private static string TempFile(string name) =>
        Path.Combine(TestContext.CurrentContext.WorkDirectory, $"limits-{TestContext.CurrentContext.Test.ID}-{name}");

    [Test]
    public void A_checkpoint_over_the_file_limit_is_refused_from_its_length()
    {
        string path = TempFile("huge.pth");
        using (var file = File.Create(path)) file.SetLength(CheckpointArchive.MaxFileBytes + 1); // sparse: nothing is written
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<CheckpointException>(() => CheckpointReader.Read(path))!;
        Assert.That(e.Message, Does.Contain($"{CheckpointArchive.MaxFileBytes + 1} bytes is larger than the {CheckpointArchive.MaxFileBytes}-byte limit for a checkpoint"));
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(1 << 20));
        File.Delete(path);
    }

    [Test]
    public void A_zip_declaring_too_many_entries_is_refused_before_they_are_read()
    {
        // A local header's signature (what the head check looks for), then the end-of-central-directory records
        // alone, declaring 65,535 + 1 entries through the zip64 record at offset 30.
        var zip = new List<byte> { 0x50, 0x4b, 0x03, 0x04 };
        zip.AddRange(new byte[26]);
        zip.AddRange([0x50, 0x4b, 0x06, 0x06, .. BitConverter.GetBytes(44L), 45, 0, 45, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            .. BitConverter.GetBytes((long)CheckpointArchive.MaxEntries + 1), .. BitConverter.GetBytes((long)CheckpointArchive.MaxEntries + 1),
            .. BitConverter.GetBytes(0L), .. BitConverter.GetBytes(0L)]);
        zip.AddRange([0x50, 0x4b, 0x06, 0x07, 0, 0, 0, 0, .. BitConverter.GetBytes(30L), 1, 0, 0, 0]);
        zip.AddRange([0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0]);
        var e = Assert.Throws<CheckpointException>(() => CheckpointReader.Read(zip.ToArray(), "many.pth"))!;
        Assert.That(e.Message, Is.EqualTo($"many.pth: the zip archive lists {CheckpointArchive.MaxEntries + 1} entries, more than the {CheckpointArchive.MaxEntries} a checkpoint may have (see docs/limits.md)"));
    }

    [Test]
    public void Memo_references_that_multiply_a_walk_are_counted_with_their_repeats()
    {
        // {"w": L4} with L(n) a list of 100 references to L(n-1): 816 bytes of pickle, 10^8 values to walk.
        var pickle = new PickleBuilder().Proto().EmptyDict().Unicode("w").Op(']').Op('q').Byte(0).Op('0');
        for (int level = 1; level <= 4; level++)
        {
            pickle.Op(']').Mark();
            for (int i = 0; i < 100; i++) pickle.Op('h').Byte((byte)(level - 1));
            pickle.Op('e');
            if (level < 4) pickle.Op('q').Byte((byte)level).Op('0');
        }
        var e = Assert.Throws<CheckpointException>(() => CheckpointReader.Read(ArchiveBuilder.Build(pickle.SetItem().Stop().ToArray()), "fan.pth"))!;
        Assert.That(e.Message, Does.Contain($"the state_dict holds more than {CheckpointReader.MaxValues} values (counting repeats)"));
    }

    [Test]
    public void A_pickle_making_more_values_than_a_state_dict_needs_is_refused()
    {
        var pickle = new PickleBuilder().Proto();
        for (int i = 0; i <= PickleReader.MaxPushes; i++) pickle.EmptyDict();
        var e = Assert.Throws<CheckpointException>(() => CheckpointReader.Read(ArchiveBuilder.Build(pickle.Stop().ToArray()), "dicts.pth"))!;
        Assert.That(e.Message, Does.Contain($"the pickle makes more than {PickleReader.MaxPushes} values").And.Contain($"at byte {PickleReader.MaxPushes + 2}"));
    }

    [Test]
    public void A_dictionary_key_longer_than_a_state_dict_needs_is_refused()
    {
        byte[] pickle = new PickleBuilder().Proto().EmptyDict().Unicode(new string('k', PickleDict.MaxKeyLength + 1)).Int(1).SetItem().Stop().ToArray();
        var e = Assert.Throws<CheckpointException>(() => CheckpointReader.Read(ArchiveBuilder.Build(pickle), "key.pth"))!;
        Assert.That(e.Message, Does.Contain($"a dictionary key of {PickleDict.MaxKeyLength + 1} characters is longer than the {PickleDict.MaxKeyLength}"));
    }

    [Test]
    public void A_config_over_its_size_limit_is_refused_from_its_length()
    {
        string path = TempFile("big.yaml");
        using (var file = File.Create(path)) file.SetLength(M5ConfigReader.MaxConfigBytes + 1);
        var e = Assert.Throws<CheckpointException>(() => M5ConfigReader.Read(path))!;
        Assert.That(e.Message, Does.Contain($"{M5ConfigReader.MaxConfigBytes + 1} bytes is larger than the {M5ConfigReader.MaxConfigBytes}-byte limit for a YAML config"));
        File.Delete(path);
    }

    [Test]
    public void A_config_that_is_not_utf8_is_refused()
    {
        string path = TempFile("latin1.yaml");
        File.WriteAllBytes(path, [(byte)'a', (byte)':', (byte)' ', 0xE9, (byte)'\n']);
        Assert.That(Assert.Throws<CheckpointException>(() => M5ConfigReader.Read(path))!.Message, Does.Contain("not UTF-8 text, which a YAML config must be"));
    }

    [Test]
    public void Too_many_labels_are_refused()
    {
        string text = string.Join("\n", Enumerable.Range(0, LabelsFile.MaxLabels + 1).Select(i => $"w{i}"));
        Assert.That(Assert.Throws<CheckpointException>(() => LabelsFile.Parse(text, "labels.txt"))!.Message,
            Is.EqualTo($"labels.txt: more than {LabelsFile.MaxLabels} labels"));
    }
}
