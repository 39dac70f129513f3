using Kws.Runtime.Files;

namespace Kws.Runtime.Tests.Files;

/// <summary>A file a user names is read within its limit whatever it is: a regular file, a device, a pipe.</summary>
public sealed class BoundedFileTests
{
    private static string TempFile(string name) =>
        Path.Combine(TestContext.CurrentContext.WorkDirectory, $"bounded-{TestContext.CurrentContext.Test.ID}-{name}");

    [Test]
    public void A_regular_file_over_the_limit_is_refused_from_its_length()
    {
        string path = TempFile("huge");
        using (var file = File.Create(path)) file.SetLength(1L << 30); // sparse: nothing is written
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => BoundedFile.ReadAllBytes(path, 1000, "a thing"))!;
        Assert.That(e.Message, Is.EqualTo($"{path}: {1L << 30} bytes is larger than the 1000-byte limit for a thing (see docs/limits.md)"));
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(1 << 20));
        File.Delete(path);
    }

    [Test]
    public void A_device_without_end_is_refused_one_chunk_past_the_limit()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => BoundedFile.ReadAllBytes("/dev/zero", 1 << 20, "a thing"))!;
        Assert.That(e.Message, Is.EqualTo("/dev/zero: more than the 1048576-byte limit for a thing (see docs/limits.md)"));
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(8 << 20));
    }

    [Test]
    public void The_head_check_refuses_from_the_first_chunk_and_names_the_file()
    {
        var e = Assert.Throws<InvalidDataException>(() => BoundedFile.ReadAllBytes("/dev/zero", 1L << 40, "a thing",
            head => throw new InvalidDataException($"starts with {head[0]}")))!;
        Assert.That(e.Message, Is.EqualTo("/dev/zero: starts with 0"));
    }

    [Test]
    public void A_file_within_the_limit_is_read_whole()
    {
        string path = TempFile("small");
        byte[] bytes = [.. Enumerable.Range(0, 200_000).Select(i => (byte)i)];
        File.WriteAllBytes(path, bytes);
        Assert.That(BoundedFile.ReadAllBytes(path, bytes.Length, "a thing"), Is.EqualTo(bytes));
        Assert.That(() => BoundedFile.ReadAllBytes(path, bytes.Length - 1, "a thing"), Throws.TypeOf<InvalidDataException>());
        File.Delete(path);
    }
}
