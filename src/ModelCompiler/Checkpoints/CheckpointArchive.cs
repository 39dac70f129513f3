using System.IO.Compression;
using System.Text;

namespace Kws.Compiler.Checkpoints;

/// <summary>
/// The zip archive <c>torch.save</c> writes (PyTorch 1.6 and later): <c>&lt;name&gt;/data.pkl</c>, one entry
/// <c>&lt;name&gt;/data/&lt;key&gt;</c> per storage, <c>version</c>, and since PyTorch 2.1 <c>byteorder</c>. Any folder
/// name is accepted. Recognises and refuses the legacy non-zip format and TorchScript archives with a message saying
/// how to re-save. Every entry's size is checked before its bytes are allocated.
/// </summary>
public sealed class CheckpointArchive
{
    /// <summary>Checkpoints larger than this are refused before reading (the M5 family is well under 1 MB).</summary>
    public const long MaxFileBytes = 1L << 30;

    private const string ResaveAdvice =
        "re-save it with torch.save(model.state_dict(), path) in PyTorch 1.6 or later (the default zip format)";

    private readonly string _fileName;
    private readonly Dictionary<string, ZipArchiveEntry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _storageCache = new(StringComparer.Ordinal);
    private readonly string _prefix;

    private CheckpointArchive(string fileName, ZipArchive zip, long totalBytes)
    {
        _fileName = fileName;
        TotalBytes = totalBytes;
        foreach (ZipArchiveEntry entry in zip.Entries)
        {
            if (!_entries.TryAdd(entry.FullName, entry))
            {
                throw Error($"the archive lists the entry {entry.FullName} twice");
            }
        }
        if (_entries.Keys.Any(n => n.EndsWith("/constants.pkl", StringComparison.Ordinal) || n.Contains("/code/", StringComparison.Ordinal)))
        {
            throw Error($"this is a TorchScript archive (torch.jit.save), which kwsc does not read; load it in Python and {ResaveAdvice}");
        }
        string[] pickles = _entries.Keys.Where(n => n.EndsWith("/data.pkl", StringComparison.Ordinal) && n.IndexOf('/') == n.Length - "/data.pkl".Length).ToArray();
        if (pickles.Length != 1)
        {
            throw Error(pickles.Length == 0
                ? "the zip archive has no <name>/data.pkl entry, so it is not a torch.save checkpoint"
                : $"the zip archive has {pickles.Length} data.pkl entries ({string.Join(", ", pickles)}); expected one");
        }
        _prefix = pickles[0][..^"data.pkl".Length];
        IsBigEndian = ReadByteOrder();
        FormatVersion = ReadVersion();
    }

    /// <summary>True when the storages were written on a big-endian machine (the <c>byteorder</c> entry says "big").</summary>
    public bool IsBigEndian { get; }

    /// <summary>The archive's <c>version</c> entry (3 for PyTorch 1.x/2.x), or null when absent.</summary>
    public int? FormatVersion { get; }

    public long TotalBytes { get; }

    /// <summary>Opens a checkpoint held in memory; <paramref name="fileName"/> is only used in messages.</summary>
    public static CheckpointArchive Open(byte[] bytes, string fileName)
    {
        if (bytes.Length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && (bytes[2] == 3 || bytes[2] == 5))
        {
            return OpenZip(bytes, fileName);
        }
        if (bytes.Length >= 2 && bytes[0] == 0x80 && bytes[1] <= 5)
        {
            throw new CheckpointException($"{fileName}: this is a legacy (pre-1.6, non-zip) PyTorch checkpoint, which kwsc does not read; load it in Python and {ResaveAdvice}");
        }
        if (bytes.Length >= 262 && Encoding.ASCII.GetString(bytes, 257, 5) == "ustar")
        {
            throw new CheckpointException($"{fileName}: this is a legacy tar-format PyTorch checkpoint, which kwsc does not read; load it in Python and {ResaveAdvice}");
        }
        throw new CheckpointException(bytes.Length == 0
            ? $"{fileName}: the file is empty"
            : $"{fileName}: not a PyTorch checkpoint (neither a zip archive written by torch.save nor a pickle)");
    }

    private static CheckpointArchive OpenZip(byte[] bytes, string fileName)
    {
        try
        {
            var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            return new CheckpointArchive(fileName, zip, bytes.Length);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException or ArgumentException)
        {
            throw new CheckpointException($"{fileName}: the zip archive is corrupt or truncated ({e.Message})", e);
        }
    }

    /// <summary>The pickled object graph (<c>data.pkl</c>).</summary>
    public byte[] ReadPickle() => ReadEntry(_prefix + "data.pkl");

    /// <summary>The bytes of storage <paramref name="key"/>, which must hold at least <paramref name="bytes"/> bytes.</summary>
    public byte[] ReadStorage(string key, long bytes)
    {
        if (!_storageCache.TryGetValue(key, out byte[]? data))
        {
            data = ReadEntry(StorageEntryName(key));
            _storageCache[key] = data;
        }
        if (data.Length < bytes)
        {
            throw Error($"storage {key} holds {data.Length} bytes but the pickle claims {bytes}");
        }
        return data;
    }

    /// <summary>Checks, without reading it, that storage <paramref name="key"/> exists and is large enough.</summary>
    public void CheckStorage(string key, long bytes)
    {
        string name = StorageEntryName(key);
        if (!_entries.TryGetValue(name, out ZipArchiveEntry? entry))
        {
            throw Error($"the pickle refers to storage {key} but the archive has no entry {name}");
        }
        if (entry.Length < bytes)
        {
            throw Error($"storage {key} is {entry.Length} bytes in the archive but the pickle claims {bytes} bytes");
        }
    }

    public CheckpointException Error(string message) => new($"{_fileName}: {message}");

    private string StorageEntryName(string key)
    {
        if (key.Length == 0 || key.Contains('/', StringComparison.Ordinal) || key.Contains("..", StringComparison.Ordinal))
        {
            throw Error($"storage key \"{key}\" is not a plain name");
        }
        return _prefix + "data/" + key;
    }

    private bool ReadByteOrder()
    {
        if (!_entries.ContainsKey(_prefix + "byteorder")) return false;
        string order = Encoding.ASCII.GetString(ReadEntry(_prefix + "byteorder")).Trim();
        return order switch
        {
            "little" => false,
            "big" => true,
            _ => throw Error($"the byteorder entry says \"{Printable(order)}\"; expected \"little\" or \"big\""),
        };
    }

    private int? ReadVersion()
    {
        if (!_entries.ContainsKey(_prefix + "version")) return null;
        string text = Encoding.ASCII.GetString(ReadEntry(_prefix + "version")).Trim();
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int version)
            ? version
            : throw Error($"the version entry says \"{Printable(text)}\"; expected a number");
    }

    private static string Printable(string text) =>
        new(text.Take(40).Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray());

    /// <summary>Reads one entry whole, refusing sizes the archive cannot back before allocating them.</summary>
    private byte[] ReadEntry(string name)
    {
        if (!_entries.TryGetValue(name, out ZipArchiveEntry? entry))
        {
            throw Error($"the archive has no entry {name}");
        }
        long length = entry.Length;
        // Stored entries (what torch.save writes) cannot be larger than the archive; deflate is bounded by its ratio.
        long limit = entry.CompressedLength == length ? TotalBytes : Math.Min(MaxFileBytes, entry.CompressedLength * 1032L);
        if (length < 0 || length > limit || length > MaxFileBytes)
        {
            throw Error($"entry {name} claims {length} bytes, which the archive of {TotalBytes} bytes cannot hold");
        }
        var data = new byte[length];
        try
        {
            using Stream stream = entry.Open();
            int read = 0;
            while (read < data.Length)
            {
                int n = stream.Read(data, read, data.Length - read);
                if (n == 0) break;
                read += n;
            }
            if (read != data.Length || stream.ReadByte() != -1)
            {
                throw Error($"entry {name} does not hold the {length} bytes the archive lists (truncated or corrupt)");
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException)
        {
            throw Error($"entry {name} cannot be read: the archive is corrupt or truncated ({ex.Message})");
        }
        return data;
    }
}
