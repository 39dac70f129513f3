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

    /// <summary>The most entries an archive may list (a state_dict's storages plus four): checked before .NET reads them.</summary>
    public const int MaxEntries = 65_535;

    /// <summary>The most bytes <c>data.pkl</c> may expand to: a state_dict pickle takes about 150 bytes per tensor (M5's: 3 KB).</summary>
    public const int MaxPickleBytes = 4 << 20;

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
        Budget = new MemoryBudget(totalBytes, Error);
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

    /// <summary>What reading this checkpoint may allocate beyond its own bytes: storages read and tensors gathered.</summary>
    public MemoryBudget Budget { get; }

    /// <summary>Opens a checkpoint held in memory; <paramref name="fileName"/> is only used in messages.</summary>
    public static CheckpointArchive Open(byte[] bytes, string fileName)
    {
        CheckHead(bytes, fileName);
        ZipDirectory.Check(bytes, MaxEntries, fileName);
        return OpenZip(bytes, fileName);
    }

    /// <summary>
    /// Refuses, from its first bytes alone, a file that is no zip archive: a legacy pickle or tar checkpoint (with the
    /// advice to re-save it), or anything else. Used before a file is read to the end.
    /// </summary>
    public static void CheckHead(ReadOnlySpan<byte> head, string fileName)
    {
        if (head.Length >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5))
        {
            return;
        }
        if (head.Length >= 2 && head[0] == 0x80 && head[1] <= 5)
        {
            throw new CheckpointException($"{fileName}: this is a legacy (pre-1.6, non-zip) PyTorch checkpoint, which kwsc does not read; load it in Python and {ResaveAdvice}");
        }
        if (head.Length >= 262 && head.Slice(257, 5).SequenceEqual("ustar"u8))
        {
            throw new CheckpointException($"{fileName}: this is a legacy tar-format PyTorch checkpoint, which kwsc does not read; load it in Python and {ResaveAdvice}");
        }
        throw new CheckpointException(head.Length == 0
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
    public byte[] ReadPickle() => ReadEntry(_prefix + "data.pkl", MaxPickleBytes, "a pickle", wholeEntry: true);

    /// <summary>
    /// The first <paramref name="bytes"/> bytes of storage <paramref name="key"/> (what the pickle claims for it), read
    /// once, counted against <see cref="Budget"/> before they are allocated; bytes past the claim are never expanded.
    /// </summary>
    public byte[] ReadStorage(string key, long bytes)
    {
        if (_storageCache.TryGetValue(key, out byte[]? data))
        {
            return data.Length >= bytes ? data : throw Error($"storage {key} holds {data.Length} bytes but the pickle claims {bytes}");
        }
        Budget.Reserve(bytes, $"storage {key} of {bytes} bytes");
        data = ReadEntry(StorageEntryName(key), bytes, "a storage", wholeEntry: false);
        _storageCache[key] = data;
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
        string order = Encoding.ASCII.GetString(ReadEntry(_prefix + "byteorder", SmallEntryBytes, "a byteorder entry", wholeEntry: true)).Trim();
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
        string text = Encoding.ASCII.GetString(ReadEntry(_prefix + "version", SmallEntryBytes, "a version entry", wholeEntry: true)).Trim();
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int version)
            ? version
            : throw Error($"the version entry says \"{Printable(text)}\"; expected a number");
    }

    private static string Printable(string text) =>
        new(text.Take(40).Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray());

    /// <summary>The byteorder and version entries hold a word or a number.</summary>
    private const int SmallEntryBytes = 64;

    /// <summary>
    /// Reads the first <paramref name="limit"/> bytes of an entry, or with <paramref name="wholeEntry"/> the whole entry,
    /// which may then hold no more than <paramref name="limit"/> bytes. Sizes are checked against what the archive
    /// lists before anything is allocated, and the expansion stops at the limit whatever the archive claims, so a
    /// deflated entry cannot expand past what its role needs.
    /// </summary>
    private byte[] ReadEntry(string name, long limit, string role, bool wholeEntry)
    {
        if (!_entries.TryGetValue(name, out ZipArchiveEntry? entry))
        {
            throw Error($"the archive has no entry {name}");
        }
        long listed = entry.Length;
        if (listed < 0 || (wholeEntry && listed > limit))
        {
            throw Error($"entry {name} expands to {listed} bytes, more than the {limit}-byte limit for {role} (see docs/limits.md)");
        }
        long length = wholeEntry ? listed : limit;
        if (length > listed)
        {
            throw Error($"entry {name} holds {listed} bytes but {length} are needed");
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
            if (read != data.Length || (wholeEntry && stream.ReadByte() != -1))
            {
                throw Error($"entry {name} does not hold the {listed} bytes the archive lists (truncated or corrupt)");
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException)
        {
            throw Error($"entry {name} cannot be read: the archive is corrupt or truncated ({ex.Message})");
        }
        return data;
    }
}
