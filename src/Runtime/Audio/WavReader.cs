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
    /// <summary>
    /// Files and streams longer than this are refused, before reading when the length is known (a minute of 48 kHz
    /// stereo float32 is 23 MB; 256 MB of 16 kHz mono PCM16 is 2.3 hours).
    /// </summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    /// <summary>The most interleaved channels a WAV may declare.</summary>
    public const int MaxChannels = 1024;

    /// <summary>The highest sample rate a WAV may declare, in Hz.</summary>
    public const int MaxSampleRate = 1_000_000;

    private const ushort FormatPcm = 1;
    private const ushort FormatFloat = 3;
    private const ushort FormatExtensible = 0xFFFE;

    // KSDATAFORMAT_SUBTYPE_* GUIDs share these 14 bytes after their leading 16-bit format tag.
    private static ReadOnlySpan<byte> SubFormatTail => [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    /// <summary>Reads and decodes a WAV file; every problem is a <see cref="WavFormatException"/> naming the file.</summary>
    public static WavAudio ReadFile(string path)
    {
        byte[] bytes = ReadFileBytes(path);
        try
        {
            return Read(bytes);
        }
        catch (WavFormatException e)
        {
            throw Naming(path, e);
        }
    }

    /// <summary>The bytes of the file at <paramref name="path"/>, at most <see cref="MaxFileBytes"/>; errors name the file.</summary>
    internal static byte[] ReadFileBytes(string path)
    {
        if (!File.Exists(path))
        {
            throw new WavFormatException($"{path}: no such file");
        }
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            return ReadAllBytes(stream);
        }
        catch (WavFormatException e)
        {
            throw Naming(path, e);
        }
    }

    /// <summary><paramref name="e"/>'s message prefixed with the file it is about.</summary>
    internal static WavFormatException Naming(string path, WavFormatException e) => new($"{path}: {e.Message}");

    /// <summary>Reads and decodes a WAV from a stream (a pipe or a device too), at most <see cref="MaxFileBytes"/>.</summary>
    public static WavAudio Read(Stream stream) => Read(ReadAllBytes(stream));

    /// <summary>
    /// The bytes of a WAV file or stream (a pipe, a FIFO, a device), at most <see cref="MaxFileBytes"/>. The length of
    /// a seekable file is checked before reading; any stream fails as soon as its first bytes are not a RIFF/WAVE
    /// header, so <c>/dev/zero</c> or a pipe of text is refused at once rather than read up to the limit.
    /// </summary>
    public static byte[] ReadAllBytes(Stream stream)
    {
        long known = stream.CanSeek ? stream.Length - stream.Position : -1;
        if (known > MaxFileBytes)
        {
            throw new WavFormatException($"{known} bytes is larger than the {MaxFileBytes / (1024 * 1024)} MB limit for a WAV file");
        }
        byte[] buffer = new byte[known > 0 ? known : 64 * 1024];
        int length = 0;
        bool headerChecked = false;
        Span<byte> probe = stackalloc byte[1];
        while (true)
        {
            if (length == buffer.Length)
            {
                // A full buffer: a byte more tells whether the input ends here (a file of the length it had).
                if (stream.Read(probe) == 0)
                {
                    break;
                }
                if (length >= MaxFileBytes)
                {
                    throw new WavFormatException($"more than the {MaxFileBytes / (1024 * 1024)} MB limit for a WAV file");
                }
                Array.Resize(ref buffer, (int)Math.Min(MaxFileBytes, 2L * buffer.Length));
                buffer[length++] = probe[0];
            }
            int read = stream.Read(buffer, length, buffer.Length - length);
            if (read == 0)
            {
                break;
            }
            length += read;
            if (!headerChecked && length >= 12)
            {
                CheckRiffHeader(buffer.AsSpan(0, 12));
                headerChecked = true;
            }
        }
        Array.Resize(ref buffer, length);
        return buffer;
    }

    /// <summary>Decodes a whole WAV file held in memory to mono-mixable float samples in [-1, 1].</summary>
    public static WavAudio Read(ReadOnlySpan<byte> file)
    {
        WavLayout layout = Locate(file);
        var mono = new float[layout.Frames];
        Decode(file, layout, mono);
        return new WavAudio(mono, layout.Format.SampleRate, layout.Format.Channels, layout.Format.Encoding);
    }

    /// <summary>Decodes the first <c>mono.Length</c> frames of a located file, refusing NaN and infinite samples.</summary>
    public static void Decode(ReadOnlySpan<byte> file, WavLayout layout, Span<float> mono)
    {
        SampleDecoder.Decode(file.Slice(layout.DataOffset, layout.DataLength), layout.Format, mono);
        if (layout.Format.IsFloat)
        {
            ThrowIfNonFinite(mono, 0);
        }
    }

    /// <summary>One clear error for the first NaN or infinite sample; <paramref name="firstFrame"/> is the frame number of mono[0].</summary>
    public static void ThrowIfNonFinite(ReadOnlySpan<float> mono, long firstFrame)
    {
        int bad = SampleDecoder.FirstNonFinite(mono);
        if (bad >= 0)
        {
            throw new WavFormatException($"corrupt: sample {firstFrame + bad} is {(float.IsNaN(mono[bad]) ? "NaN" : "infinite")} (float audio must be finite)");
        }
    }

    /// <summary>
    /// Checks the headers and finds the audio without decoding it. A "data" chunk whose size is a streaming writer's
    /// placeholder (0, or 2 GiB and more when the file is shorter) runs to the end of the file.
    /// </summary>
    public static WavLayout Locate(ReadOnlySpan<byte> file)
    {
        CheckRiffHeader(file);
        // Writers often get the RIFF size wrong; the chunks themselves are checked against the real length below.
        WavFormat? format = null;
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
            if (id.SequenceEqual("data"u8))
            {
                if (format is not WavFormat known)
                {
                    throw new WavFormatException("corrupt: the \"data\" chunk comes before any \"fmt \" chunk");
                }
                int rest = file.Length - body;
                bool toTheEnd = IsStreamingPlaceholder(size) && (size == 0 || size > rest);
                int length = toTheEnd ? rest : (int)Math.Min(size, int.MaxValue);
                if (!toTheEnd && size > rest)
                {
                    throw new WavFormatException($"truncated or corrupt: chunk \"data\" at offset {position} declares {size} bytes but only {rest} follow");
                }
                CheckWholeFrames(length, known);
                return new WavLayout(known, body, length);
            }
            if (size > file.Length - body)
            {
                throw new WavFormatException($"truncated or corrupt: chunk \"{ChunkName(id)}\" at offset {position} declares {size} bytes but only {file.Length - body} follow");
            }
            if (id.SequenceEqual("fmt "u8))
            {
                if (format is not null)
                {
                    throw new WavFormatException("corrupt: two \"fmt \" chunks");
                }
                format = ParseFormat(file.Slice(body, (int)size));
            }
            // RIFF chunks are word-aligned: an odd-sized chunk is followed by one pad byte.
            position = body + (int)size + (int)(size & 1);
        }
        throw new WavFormatException(format is null ? "not a usable WAV file: no \"fmt \" chunk" : "no \"data\" chunk: the file holds no audio");
    }

    /// <summary>A data size that a writer which could not seek back leaves: 0, or 2 GiB and more (0xFFFFFFFF, 0x7FFFFFFF...).</summary>
    internal static bool IsStreamingPlaceholder(uint size) => size == 0 || size >= 0x7FFF0000;

    internal static void CheckWholeFrames(long dataBytes, WavFormat format)
    {
        if (dataBytes == 0)
        {
            throw new WavFormatException("no audio: the \"data\" chunk holds 0 samples");
        }
        if (dataBytes % format.FrameBytes != 0)
        {
            throw new WavFormatException($"corrupt: {dataBytes} bytes of audio is not a whole number of {format.FrameBytes}-byte frames (it ends mid-sample)");
        }
    }

    /// <summary>The 12-byte RIFF/WAVE header (at least the bytes there are: a shorter file fails here).</summary>
    internal static void CheckRiffHeader(ReadOnlySpan<byte> file)
    {
        if (file.IsEmpty)
        {
            throw new WavFormatException("empty file (0 bytes), not a WAV file");
        }
        if (file.Length >= 4 && !file[..4].SequenceEqual("RIFF"u8))
        {
            throw new WavFormatException(file[..4].SequenceEqual("RF64"u8)
                ? "RF64 (64-bit WAV) files are not supported"
                : "not a WAV file: it does not start with \"RIFF\"");
        }
        if (file.Length < 12)
        {
            throw new WavFormatException($"not a WAV file: {file.Length} bytes is too short for a RIFF header");
        }
        if (!file.Slice(8, 4).SequenceEqual("WAVE"u8))
        {
            throw new WavFormatException("not a WAV file: a RIFF file of another form (no \"WAVE\" after the RIFF header)");
        }
    }

    internal static WavFormat ParseFormat(ReadOnlySpan<byte> fmt)
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
        var format = new WavFormat(encoding, channels, (int)Math.Min(sampleRate, int.MaxValue));
        CheckChannelsAndRate(channels, sampleRate);
        if (blockAlign != format.FrameBytes)
        {
            throw new WavFormatException($"corrupt: block align {blockAlign} does not match {channels} channels of {bits}-bit samples");
        }
        if (byteRate != sampleRate * (uint)blockAlign)
        {
            throw new WavFormatException($"corrupt: byte rate {byteRate} does not match {sampleRate} Hz x {blockAlign} bytes per frame");
        }
        return format;
    }

    /// <summary>The channel count and rate a file or a raw stream may have.</summary>
    public static void CheckChannelsAndRate(long channels, long sampleRate)
    {
        if (channels < 1 || channels > MaxChannels)
        {
            throw new WavFormatException($"corrupt: {channels} channels (1 to {MaxChannels} supported)");
        }
        if (sampleRate < 1 || sampleRate > MaxSampleRate)
        {
            throw new WavFormatException($"corrupt: sample rate {sampleRate} Hz (1 to {MaxSampleRate} Hz supported)");
        }
    }

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
