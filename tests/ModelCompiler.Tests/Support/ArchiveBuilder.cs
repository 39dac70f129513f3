using System.IO.Compression;

namespace Kws.Compiler.Tests.Support;

/// <summary>Builds torch.save-style zip archives in memory: &lt;prefix&gt;/data.pkl, data/&lt;key&gt; entries, version.</summary>
internal static class ArchiveBuilder
{
    public static byte[] Build(byte[] pickle, IReadOnlyDictionary<string, byte[]>? storages = null, string prefix = "archive",
        IReadOnlyDictionary<string, byte[]>? extraEntries = null)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, byte[] data)
            {
                using Stream entry = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
                entry.Write(data);
            }
            Add($"{prefix}/data.pkl", pickle);
            foreach (var (key, data) in storages ?? new Dictionary<string, byte[]>()) Add($"{prefix}/data/{key}", data);
            foreach (var (name, data) in extraEntries ?? new Dictionary<string, byte[]>()) Add($"{prefix}/{name}", data);
            Add($"{prefix}/version", "3\n"u8.ToArray());
        }
        return stream.ToArray();
    }

    /// <summary>A state_dict of one float32 tensor "w" over storage "0" of <paramref name="storageFloats"/> floats.</summary>
    public static byte[] OneTensor(long claimedCount, long[] size, long[] stride, int storageFloats, long offset = 0)
    {
        byte[] pickle = new PickleBuilder().BeginStateDict().Unicode("w")
            .Tensor("FloatStorage", "0", claimedCount, offset, size, stride).EndStateDict().ToArray();
        var data = new byte[storageFloats * 4];
        for (int i = 0; i < storageFloats; i++) BitConverter.TryWriteBytes(data.AsSpan(i * 4), (float)i);
        return Build(pickle, new Dictionary<string, byte[]> { ["0"] = data });
    }
}
