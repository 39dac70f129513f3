using System.Buffers.Binary;

namespace Kws.Runtime.Tests.References;

/// <summary>
/// The few RIFF/WAVE header fields the reference-file checks need (channels, rate, bits, frame count), read
/// independently of the product's WAV reader so these tests check the files, not the reader.
/// </summary>
internal sealed record WavHeader(int Channels, int SampleRate, int BitsPerSample, long Frames)
{
    public static WavHeader Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < 12 || BinaryPrimitives.ReadUInt32BigEndian(bytes) != 0x52494646 /* RIFF */)
        {
            throw new InvalidDataException($"{path}: not a RIFF file.");
        }

        int channels = 0, rate = 0, bits = 0;
        for (int at = 12; at + 8 <= bytes.Length;)
        {
            string id = System.Text.Encoding.ASCII.GetString(bytes, at, 4);
            int size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 4));
            if (id == "fmt ")
            {
                channels = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at + 10));
                rate = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 12));
                bits = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at + 22));
            }
            else if (id == "data")
            {
                return new WavHeader(channels, rate, bits, size / (channels * bits / 8));
            }

            at += 8 + size + (size & 1);
        }

        throw new InvalidDataException($"{path}: no data chunk.");
    }
}
