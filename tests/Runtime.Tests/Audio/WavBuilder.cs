using System.Buffers.Binary;

namespace Kws.Runtime.Tests.Audio;

/// <summary>Writes WAV files byte by byte for tests, including broken ones: every header field can be overridden.</summary>
internal sealed class WavBuilder
{
    private readonly List<(string Id, byte[] Body)> chunks = [];

    public static byte[] Pcm16(int sampleRate, int channels, params short[] samples)
    {
        var data = new byte[samples.Length * 2];
        for (int i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(2 * i), samples[i]);
        }
        return new WavBuilder().Format(1, channels, sampleRate, 16).Chunk("data", data).Build();
    }

    public WavBuilder Format(ushort tag, int channels, int sampleRate, int bits, int? blockAlign = null, int? byteRate = null)
    {
        int align = blockAlign ?? channels * bits / 8;
        var fmt = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(fmt, tag);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(2), (ushort)channels);
        BinaryPrimitives.WriteInt32LittleEndian(fmt.AsSpan(4), sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(fmt.AsSpan(8), byteRate ?? sampleRate * align);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(12), (ushort)align);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(14), (ushort)bits);
        return Chunk("fmt ", fmt);
    }

    /// <summary>WAVE_FORMAT_EXTENSIBLE with the given sub-format tag (1 PCM, 3 float).</summary>
    public WavBuilder ExtensibleFormat(ushort subFormat, int channels, int sampleRate, int bits)
    {
        Format(0xFFFE, channels, sampleRate, bits);
        byte[] basic = chunks[^1].Body;
        var fmt = new byte[40];
        basic.CopyTo(fmt, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(16), 22);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(18), (ushort)bits);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(20), channels == 2 ? 3u : 4u);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(24), subFormat);
        byte[] tail = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];
        tail.CopyTo(fmt, 26);
        chunks[^1] = ("fmt ", fmt);
        return this;
    }

    public WavBuilder Chunk(string id, byte[] body)
    {
        chunks.Add((id, body));
        return this;
    }

    public byte[] Build(uint? declaredDataSize = null)
    {
        using var stream = new MemoryStream();
        stream.Write("RIFF"u8);
        stream.Write(new byte[4]);
        stream.Write("WAVE"u8);
        foreach ((string id, byte[] body) in chunks)
        {
            stream.Write(System.Text.Encoding.ASCII.GetBytes(id));
            var size = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(size, id == "data" && declaredDataSize is uint d ? d : (uint)body.Length);
            stream.Write(size);
            stream.Write(body);
            if (body.Length % 2 == 1)
            {
                stream.WriteByte(0);
            }
        }
        byte[] file = stream.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), (uint)(file.Length - 8));
        return file;
    }
}
