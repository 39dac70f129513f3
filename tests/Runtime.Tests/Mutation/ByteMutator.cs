using System.Buffers.Binary;

namespace Kws.Runtime.Tests.Mutation;

/// <summary>
/// Seeded corruption of a file's bytes, the way real files break and the way fuzzers break them: flipped bits,
/// overwritten 16/32-bit fields (with boundary values, often near the header), truncation, insertion, deletion and
/// duplication of spans.
/// </summary>
internal static class ByteMutator
{
    private static readonly uint[] Interesting = [0, 1, 2, 3, 7, 8, 15, 16, 255, 256, 0x7FFF, 0x8000, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF];

    public static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        int edits = 1 + random.Next(4);
        for (int e = 0; e < edits && bytes.Count > 0; e++)
        {
            int at = random.Next(3) == 0 ? random.Next(Math.Min(bytes.Count, 96)) : random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    WriteField(bytes, at, random.Next(2) == 0 ? Interesting[random.Next(Interesting.Length)] : (uint)random.Next(), random.Next(2) == 0 ? 2 : 4);
                    break;
                case 3:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 4:
                    bytes.InsertRange(at, Enumerable.Range(0, 1 + random.Next(16)).Select(_ => (byte)random.Next(256)));
                    break;
                case 5:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(16)));
                    break;
                default:
                    int length = Math.Min(bytes.Count - at, 1 + random.Next(64));
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                    break;
            }
        }
        return bytes.ToArray();
    }

    private static void WriteField(List<byte> bytes, int at, uint value, int width)
    {
        Span<byte> field = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(field, value);
        for (int i = 0; i < width && at + i < bytes.Count; i++)
        {
            bytes[at + i] = field[i];
        }
    }
}
