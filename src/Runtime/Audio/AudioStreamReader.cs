using System.Buffers.Binary;

namespace Kws.Runtime.Audio;

/// <summary>
/// Reads audio from a stream that may never end (a pipe from a microphone, a FIFO, a file) a piece at a time, in
/// fixed memory: a WAV stream (its header, then the "data" chunk; a placeholder data size such as the 0 or 0xFFFFFFFF
/// that streaming writers leave means "until the stream ends") or raw interleaved PCM in a format given by the caller.
/// Each <see cref="Read"/> returns what has arrived, decoded to mono as <see cref="SampleDecoder"/> does, without
/// waiting for more; a stream that stalls blocks in the stream's own read (no polling). Problems are one
/// <see cref="WavFormatException"/>: a stream that ends mid-header or mid-sample, a header the file reader would refuse,
/// a non-finite float sample, or no audio at all. Disposing it closes the stream. Not thread-safe.
/// </summary>
public sealed class AudioStreamReader : IDisposable
{
    /// <summary>Header bytes read before the "data" chunk at most (unknown chunks are skipped, not kept).</summary>
    public const int MaxHeaderBytes = 1 << 20;

    private const int BufferBytes = 64 * 1024;

    private readonly Stream stream;
    private readonly byte[] buffer;
    private int carried;
    private long dataLeft;  // bytes of the data chunk not yet read; -1 when it runs to the end of the stream
    private bool ended;

    private AudioStreamReader(Stream stream, WavFormat format, long dataBytes)
    {
        this.stream = stream;
        Format = format;
        dataLeft = dataBytes;
        buffer = new byte[Math.Max(BufferBytes / format.FrameBytes, 1) * format.FrameBytes];
    }

    /// <summary>The stream's sample layout, from its WAV header or from the raw format given.</summary>
    public WavFormat Format { get; }

    /// <summary>Frames the header announces, or null when the stream runs until it ends (raw, or a placeholder size).</summary>
    public long? DeclaredFrames { get; private init; }

    /// <summary>Frames returned so far.</summary>
    public long FramesRead { get; private set; }

    /// <summary>The most frames one <see cref="Read"/> returns.</summary>
    public int MaxFramesPerRead => buffer.Length / Format.FrameBytes;

    /// <summary>Raw PCM in <paramref name="format"/>, from the first byte to the end of the stream.</summary>
    public static AudioStreamReader OpenRaw(Stream stream, WavFormat format)
    {
        WavReader.CheckChannelsAndRate(format.Channels, format.SampleRate);
        return new AudioStreamReader(stream, format, -1);
    }

    /// <summary>Reads a WAV header up to the start of its "data" chunk.</summary>
    public static AudioStreamReader OpenWav(Stream stream)
    {
        Span<byte> header = stackalloc byte[12];
        int got = ReadFully(stream, header);
        WavReader.CheckRiffHeader(header[..got]);
        long position = 12;
        WavFormat? format = null;
        Span<byte> chunk = stackalloc byte[8];
        while (true)
        {
            if (ReadFully(stream, chunk) < 8)
            {
                throw new WavFormatException(format is null
                    ? "the stream ended in the WAV header, before any \"fmt \" chunk"
                    : "the stream ended in the WAV header, before the \"data\" chunk");
            }
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            position += 8;
            if (chunk[..4].SequenceEqual("data"u8))
            {
                if (format is not WavFormat known)
                {
                    throw new WavFormatException("corrupt: the \"data\" chunk comes before any \"fmt \" chunk");
                }
                bool open = WavReader.IsStreamingPlaceholder(size);
                if (!open && size % known.FrameBytes != 0)
                {
                    throw new WavFormatException($"corrupt: {size} bytes of audio is not a whole number of {known.FrameBytes}-byte frames");
                }
                return new AudioStreamReader(stream, known, open ? -1 : size)
                {
                    DeclaredFrames = open ? null : size / known.FrameBytes,
                };
            }
            // In 64 bits: a size of 0xFFFFFFFF plus its pad byte wrapped around to 0 in 32 (a fuzz finding).
            long skip = (long)size + (size & 1);
            if (position + skip > MaxHeaderBytes)
            {
                throw new WavFormatException($"more than {MaxHeaderBytes / 1024} KB of WAV header before the \"data\" chunk");
            }
            if (chunk[..4].SequenceEqual("fmt "u8))
            {
                if (format is not null)
                {
                    throw new WavFormatException("corrupt: two \"fmt \" chunks");
                }
                byte[] body = new byte[skip];
                if (ReadFully(stream, body) < body.Length)
                {
                    throw new WavFormatException("the stream ended in the \"fmt \" chunk");
                }
                format = WavReader.ParseFormat(body.AsSpan(0, (int)size));
            }
            else
            {
                Skip(stream, skip);
            }
            position += skip;
        }
    }

    /// <summary>
    /// Decodes the frames that have arrived into <paramref name="mono"/> (at most its length and
    /// <see cref="MaxFramesPerRead"/>), waiting only when none has; 0 when the audio has ended.
    /// </summary>
    public int Read(Span<float> mono)
    {
        int frameBytes = Format.FrameBytes;
        int wanted = Math.Min(mono.Length, MaxFramesPerRead) * frameBytes;
        while (!ended && carried < frameBytes)
        {
            int room = wanted - carried;
            if (dataLeft >= 0)
            {
                room = (int)Math.Min(room, dataLeft);
            }
            int got = room == 0 ? 0 : stream.Read(buffer, carried, room);
            if (got == 0)
            {
                ended = true;
                break;
            }
            carried += got;
            if (dataLeft >= 0)
            {
                dataLeft -= got;
            }
        }
        if (ended && carried < frameBytes)
        {
            if (carried > 0)
            {
                throw new WavFormatException($"the stream ended mid-sample ({carried} bytes of a {frameBytes}-byte frame) after {FramesRead} frames");
            }
            if (dataLeft > 0)
            {
                throw new WavFormatException($"truncated: the \"data\" chunk declares {DeclaredFrames} frames, the stream ended after {FramesRead}");
            }
            if (FramesRead == 0)
            {
                throw new WavFormatException("no audio: the stream ended before the first sample");
            }
            return 0;
        }
        int frames = Math.Min(carried / frameBytes, mono.Length);
        Span<float> decoded = mono[..frames];
        SampleDecoder.Decode(buffer, Format, decoded);
        if (Format.IsFloat)
        {
            WavReader.ThrowIfNonFinite(decoded, FramesRead);
        }
        int used = frames * frameBytes;
        buffer.AsSpan(used, carried - used).CopyTo(buffer);
        carried -= used;
        FramesRead += frames;
        return frames;
    }

    /// <summary>Closes the stream.</summary>
    public void Dispose() => stream.Dispose();

    private static int ReadFully(Stream stream, Span<byte> into)
    {
        int got = 0;
        while (got < into.Length)
        {
            int n = stream.Read(into[got..]);
            if (n == 0)
            {
                break;
            }
            got += n;
        }
        return got;
    }

    private static void Skip(Stream stream, long count)
    {
        Span<byte> sink = stackalloc byte[4096];
        while (count > 0)
        {
            int n = stream.Read(sink[..(int)Math.Min(count, sink.Length)]);
            if (n == 0)
            {
                throw new WavFormatException("the stream ended in the WAV header, before the \"data\" chunk");
            }
            count -= n;
        }
    }
}
