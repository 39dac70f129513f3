using System.IO.Compression;
using Kws.Compiler.Checkpoints;

namespace Kws.Compiler.Tests.Support;

/// <summary>Rewrites the bytes of one tensor in a committed checkpoint, to make corrupt variants without Python.</summary>
internal static class CheckpointEditor
{
    /// <summary>
    /// The checkpoint with <paramref name="edit"/> applied to the storage of state_dict entry <paramref name="key"/>,
    /// found as the archive entry whose bytes equal the tensor's (a contiguous little-endian tensor over its own storage).
    /// </summary>
    public static byte[] EditTensor(string fixture, string key, Action<Span<float>> edit)
    {
        byte[] original = File.ReadAllBytes(FixturePaths.Of(fixture));
        TorchTensor tensor = (TorchTensor)CheckpointReader.Read(original, fixture).Entries.Single(e => e.Key == key).Value!;
        using var input = new ZipArchive(new MemoryStream(original), ZipArchiveMode.Read);
        using var output = new MemoryStream();
        int edited = 0;
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (ZipArchiveEntry entry in input.Entries)
            {
                using var buffer = new MemoryStream();
                using (Stream source = entry.Open()) source.CopyTo(buffer);
                byte[] bytes = buffer.ToArray();
                if (entry.FullName.Contains("/data/", StringComparison.Ordinal) && bytes.AsSpan().SequenceEqual(tensor.Data))
                {
                    edit(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes.AsSpan()));
                    edited++;
                }
                using Stream target = zip.CreateEntry(entry.FullName, CompressionLevel.NoCompression).Open();
                target.Write(bytes);
            }
        }
        Assert.That(edited, Is.EqualTo(1), $"one storage of {fixture} holds exactly {key}");
        return output.ToArray();
    }
}
