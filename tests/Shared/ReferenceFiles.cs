using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Kws.Tests.Shared;

/// <summary>
/// Low-level readers for the golden reference files under <c>models/</c> (docs/references.md):
/// camel-case JSON and raw little-endian binary, gzip where noted.
/// </summary>
internal static class ReferenceFiles
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        // Numbers are written by Python's json module; keep the parser strict about everything else.
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
    };

    /// <summary>Reads a JSON file into <typeparamref name="T"/>; a missing or empty document is one clear error.</summary>
    public static T ReadJson<T>(string path)
        where T : class
    {
        using FileStream stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<T>(stream, JsonOptions)
            ?? throw new InvalidDataException($"{path}: the JSON document is empty (null).");
    }

    /// <summary>
    /// Reads <c>&lt;name&gt;.json</c> and its float32 companion <c>&lt;name&gt;.bin</c> from a references folder;
    /// <paramref name="slice"/> gives a case's elements as <c>(offset, length, what)</c>.
    /// </summary>
    public static T ReadFloatCases<T>(string referencesDirectory, string name, out Func<long, long, string, float[]> slice)
        where T : class
    {
        string binPath = Path.Combine(referencesDirectory, name + ".bin");
        T json = ReadJson<T>(Path.Combine(referencesDirectory, name + ".json"));
        byte[] blob = ReadBytes(binPath);
        slice = (offset, length, what) => SliceFloats(blob, offset, length, $"{binPath} ({what})");
        return json;
    }

    /// <summary>Reads a whole file, decompressing it first when its name ends in <c>.gz</c>.</summary>
    public static byte[] ReadBytes(string path)
    {
        if (!path.EndsWith(".gz", StringComparison.Ordinal))
        {
            return File.ReadAllBytes(path);
        }

        using FileStream file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>Copies <paramref name="length"/> bytes at <paramref name="offset"/>, checking the range first.</summary>
    public static byte[] Slice(byte[] data, long offset, long length, string what)
    {
        CheckRange(data.LongLength, offset, length, what, "bytes");
        return data.AsSpan((int)offset, (int)length).ToArray();
    }

    /// <summary>Reads float32 little-endian elements; offset and length count elements, not bytes.</summary>
    public static float[] SliceFloats(byte[] data, long offset, long length, string what)
    {
        CheckRange(data.LongLength / sizeof(float), offset, length, what, "float32 elements");
        float[] values = MemoryMarshal.Cast<byte, float>(data.AsSpan((int)offset * sizeof(float), (int)length * sizeof(float))).ToArray();
        if (!BitConverter.IsLittleEndian)
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = BitConverter.Int32BitsToSingle(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(BitConverter.SingleToInt32Bits(values[i])));
            }
        }

        return values;
    }

    /// <summary>Resolves a path written relative to <c>models/</c> in a reference file.</summary>
    public static string ModelsPath(string relative) =>
        Path.GetFullPath(Path.Combine(RepositoryPaths.Models, relative.Replace('/', Path.DirectorySeparatorChar)));

    private static void CheckRange(long available, long offset, long length, string what, string unit)
    {
        if (offset < 0 || length < 0 || offset + length > available)
        {
            throw new InvalidDataException(
                $"{what}: range [{offset}, {offset + length}) lies outside the {available} {unit} of its binary file.");
        }
    }
}
