using System.Buffers.Binary;

namespace Kws.Compiler.Checkpoints;

/// <summary>
/// Reads the entry count a zip archive declares in its end-of-central-directory record (and its zip64 record) and
/// refuses an absurd one before <see cref="System.IO.Compression.ZipArchive"/> builds an object for every entry.
/// A record it cannot find is left for ZipArchive to report as corruption.
/// </summary>
internal static class ZipDirectory
{
    private const uint EndSignature = 0x06054b50, Zip64LocatorSignature = 0x07064b50, Zip64EndSignature = 0x06064b50;
    private const int EndSize = 22, Zip64LocatorSize = 20, Zip64EndSize = 56;

    public static void Check(ReadOnlySpan<byte> zip, int maxEntries, string fileName)
    {
        int end = FindEnd(zip);
        if (end < 0) return;
        ulong entries = BinaryPrimitives.ReadUInt16LittleEndian(zip[(end + 10)..]);
        int locator = end - Zip64LocatorSize;
        if (entries == 0xFFFF && locator >= 0 && BinaryPrimitives.ReadUInt32LittleEndian(zip[locator..]) == Zip64LocatorSignature)
        {
            ulong record = BinaryPrimitives.ReadUInt64LittleEndian(zip[(locator + 8)..]);
            if (record <= (ulong)(zip.Length - Zip64EndSize) && BinaryPrimitives.ReadUInt32LittleEndian(zip[(int)record..]) == Zip64EndSignature)
            {
                entries = BinaryPrimitives.ReadUInt64LittleEndian(zip[((int)record + 32)..]);
            }
        }
        if (entries > (ulong)maxEntries)
        {
            throw new CheckpointException($"{fileName}: the zip archive lists {entries} entries, more than the {maxEntries} a checkpoint may have (see docs/limits.md)");
        }
    }

    /// <summary>The last end-of-central-directory record, searched back over the largest comment a zip may carry.</summary>
    private static int FindEnd(ReadOnlySpan<byte> zip)
    {
        int lowest = Math.Max(0, zip.Length - EndSize - ushort.MaxValue);
        for (int at = zip.Length - EndSize; at >= lowest; at--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip[at..]) == EndSignature) return at;
        }
        return -1;
    }
}
