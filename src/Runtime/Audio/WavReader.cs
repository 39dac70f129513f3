using System.Buffers.Binary;

namespace Kws.Runtime.Audio;

/// <summary>
/// Reads RIFF/WAVE files: PCM unsigned 8-bit and signed 16/24/32-bit, IEEE float 32/64-bit, plain or
/// WAVE_FORMAT_EXTENSIBLE, any channel count (averaged to mono) and any sample rate. Unknown chunks are skipped and
/// the pad byte after an odd-sized chunk is honoured. Samples become float32 exactly as torchaudio.load scales them.
/// Anything else, and any header that contradicts itself or the file's length, is one <see cref="WavFormatException"/>.
/// </summary>
public static class WavReader
{
    /// <summary>Files larger than this are refused before reading (about 100 minutes of 48 kHz stereo float32).</summary>
    public const long MaxFileBytes = 2L * 1024 * 1024 * 1024 - 1;

    /// <summary>Files declaring more channels than this are refused.</summary>
    public const int MaxChannels = 1024;

    private const ushort FormatPcm = 1;
    private const ushort FormatFloat = 3;
    private const ushort FormatExtensible = 0xFFFE;

    // KSDATAFORMAT_SUBTYPE_* GUIDs share these 14 bytes after their leading 16-bit format tag.
    private static ReadOnlySpan<byte> SubFormatTail => [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    /// <summary>Reads and decodes the WAV file at <paramref name="path"/>; every problem, a missing file included, is a <see cref="WavFormatException"/>.</summary>
    public static WavAudio ReadFile(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new WavFormatException($"{path}: no such file");
        }
        if (info.Length > MaxFileBytes)
        {
            throw new WavFormatException($"{path}: {info.Length} bytes is larger than the {MaxFileBytes} the reader accepts");
        }
        try
        {
            return Read(File.ReadAllBytes(path));
        }
        catch (WavFormatException e)
        {
            throw new WavFormatException($"{path}: {e.Message}");
        }
    }

    /// <summary>Reads a whole WAV file from <paramref name="stream"/> and decodes it.</summary>
    public static WavAudio Read(Stream stream)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (copy.Length + read > MaxFileBytes)
            {
                throw new WavFormatException($"the stream is longer than the {MaxFileBytes} bytes the reader accepts");
            }
            copy.Write(buffer, 0, read);
        }
        return Read(copy.GetBuffer().AsSpan(0, (int)copy.Length));
    }

    /// <summary>Decodes the bytes of a whole WAV file.</summary>
    public static WavAudio Read(ReadOnlySpan<byte> file)
    {
        if (file.Length < 12)
        {
            throw new WavFormatException($"not a WAV file: {file.Length} bytes is too short for a RIFF header");
        }
        if (!file[..4].SequenceEqual("RIFF"u8))
        {
            throw new WavFormatException(file[..4].SequenceEqual("RF64"u8)
                ? "RF64 (64-bit WAV) files are not supported"
                : "not a WAV file: it does not start with \"RIFF\"");
        }
        if (!file.Slice(8, 4).SequenceEqual("WAVE"u8))
        {
            throw new WavFormatException("not a WAV file: a RIFF file of another form (no \"WAVE\" after the RIFF header)");
        }
        // Writers often get the RIFF size wrong; the chunks themselves are checked against the real length below.
        Format? format = null;
        int position = 12;
        while (position < file.Length)
        {
            if (file.Length - position < 8)
            {
                throw new WavFormatException($"truncated: {file.Length - position} stray bytes at offset {position} where a chunk header was expected");
            }
            ReadOnlySpan<byte> id = file.Slice(position, 4);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(file.Slice(position + 4, 4));
            int body = position + 8;
            if (size > file.Length - body)
            {
                throw new WavFormatException($"truncated or corrupt: chunk \"{ChunkName(id)}\" at offset {position} declares {size} bytes but only {file.Length - body} follow");
            }
            ReadOnlySpan<byte> payload = file.Slice(body, (int)size);
            if (id.SequenceEqual("fmt "u8))
            {
                if (format is not null)
                {
                    throw new WavFormatException("corrupt: two \"fmt \" chunks");
                }
                format = ParseFormat(payload);
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (format is null)
                {
                    throw new WavFormatException("corrupt: the \"data\" chunk comes before any \"fmt \" chunk");
                }
                return new WavAudio(Decode(payload, format), format.SampleRate, format.Channels, format.Encoding);
            }
            // RIFF chunks are word-aligned: an odd-sized chunk is followed by one pad byte.
            position = body + (int)size + (int)(size & 1);
        }
        throw new WavFormatException(format is null ? "not a usable WAV file: no \"fmt \" chunk" : "no \"data\" chunk: the file holds no audio");
    }

    private sealed record Format(WavEncoding Encoding, int Channels, int SampleRate, int BytesPerSample);

    private static Format ParseFormat(ReadOnlySpan<byte> fmt)
    {
        if (fmt.Length < 16)
        {
            throw new WavFormatException($"corrupt: the \"fmt \" chunk has {fmt.Length} bytes, at least 16 are needed");
        }
        ushort tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        uint sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        uint byteRate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[8..]);
        int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        if (tag == FormatExtensible)
        {
            if (fmt.Length < 40 || BinaryPrimitives.ReadUInt16LittleEndian(fmt[16..]) < 22)
            {
                throw new WavFormatException("corrupt: WAVE_FORMAT_EXTENSIBLE header shorter than 40 bytes");
            }
            int validBits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[18..]);
            if (validBits != 0 && validBits != bits)
            {
                throw new WavFormatException($"unsupported: {validBits} valid bits in {bits}-bit containers");
            }
            ReadOnlySpan<byte> subFormat = fmt.Slice(24, 16);
            if (!subFormat[2..].SequenceEqual(SubFormatTail))
            {
                throw new WavFormatException("unsupported WAVE_FORMAT_EXTENSIBLE sub-format (only PCM and IEEE float)");
            }
            tag = BinaryPrimitives.ReadUInt16LittleEndian(subFormat);
        }
        WavEncoding encoding = (tag, bits) switch
        {
            (FormatPcm, 8) => WavEncoding.UInt8,
            (FormatPcm, 16) => WavEncoding.Int16,
            (FormatPcm, 24) => WavEncoding.Int24,
            (FormatPcm, 32) => WavEncoding.Int32,
            (FormatFloat, 32) => WavEncoding.Float32,
            (FormatFloat, 64) => WavEncoding.Float64,
            (FormatPcm, _) => throw new WavFormatException($"unsupported: {bits}-bit PCM (8, 16, 24 and 32 are supported)"),
            (FormatFloat, _) => throw new WavFormatException($"unsupported: {bits}-bit float (32 and 64 are supported)"),
            _ => throw new WavFormatException($"unsupported WAV encoding 0x{tag:X4} (only PCM and IEEE float; compressed formats such as ADPCM or mu-law are not read)"),
        };
        if (channels < 1 || channels > MaxChannels)
        {
            throw new WavFormatException($"corrupt: {channels} channels (1 to {MaxChannels} supported)");
        }
        if (sampleRate < 1 || sampleRate > 1_000_000)
        {
            throw new WavFormatException($"corrupt: sample rate {sampleRate} Hz");
        }
        int bytesPerSample = bits / 8;
        if (blockAlign != channels * bytesPerSample)
        {
            throw new WavFormatException($"corrupt: block align {blockAlign} does not match {channels} channels of {bits}-bit samples");
        }
        if (byteRate != sampleRate * (uint)blockAlign)
        {
            throw new WavFormatException($"corrupt: byte rate {byteRate} does not match {sampleRate} Hz x {blockAlign} bytes per frame");
        }
        return new Format(encoding, channels, (int)sampleRate, bytesPerSample);
    }

    private static float[] Decode(ReadOnlySpan<byte> data, Format format)
    {
        int frameBytes = format.Channels * format.BytesPerSample;
        if (data.Length % frameBytes != 0)
        {
            throw new WavFormatException($"corrupt: {data.Length} bytes of audio is not a whole number of {frameBytes}-byte frames");
        }
        int frames = data.Length / frameBytes;
        var mono = new float[frames];
        for (int f = 0; f < frames; f++)
        {
            ReadOnlySpan<byte> frame = data.Slice(f * frameBytes, frameBytes);
            float sum = 0f;
            for (int c = 0; c < format.Channels; c++)
            {
                sum += SampleAt(frame.Slice(c * format.BytesPerSample, format.BytesPerSample), format.Encoding);
            }
            // Same as torch.mean over the channel axis in float32; with one channel the sample passes unchanged.
            mono[f] = format.Channels == 1 ? sum : sum / format.Channels;
        }
        return mono;
    }

    private static float SampleAt(ReadOnlySpan<byte> s, WavEncoding encoding) => encoding switch
    {
        WavEncoding.UInt8 => (s[0] - 128) / 128f,
        WavEncoding.Int16 => BinaryPrimitives.ReadInt16LittleEndian(s) / 32768f,
        WavEncoding.Int24 => ((s[0] | (s[1] << 8) | (s[2] << 16)) << 8 >> 8) / 8388608f,
        WavEncoding.Int32 => BinaryPrimitives.ReadInt32LittleEndian(s) / 2147483648f,
        WavEncoding.Float32 => BinaryPrimitives.ReadSingleLittleEndian(s),
        _ => (float)BinaryPrimitives.ReadDoubleLittleEndian(s),
    };

    private static string ChunkName(ReadOnlySpan<byte> id)
    {
        Span<char> name = stackalloc char[4];
        for (int i = 0; i < 4; i++)
        {
            name[i] = id[i] >= 0x20 && id[i] < 0x7F ? (char)id[i] : '?';
        }
        return new string(name);
    }
}
