using Kws.Runtime.Audio;

namespace Kws.Host.Audio;

/// <summary>
/// The audio stream <c>kws detect</c> and <c>kws listen</c> read: a WAV stream, or raw PCM described on the command
/// line (<c>--raw --rate &lt;Hz&gt; [--channels n] [--format s16le|f32le]</c>). A raw stream that starts with a WAV
/// header is read as WAV when the header agrees with the options, and refused when it contradicts them.
/// </summary>
internal static class AudioStreamInput
{
    public static readonly string[] ValueOptions = ["--rate", "--channels", "--format"];

    public const string Help = """
          --raw                     the stream is headerless PCM, described by:
            --rate <Hz>             its sample rate (required with --raw)
            --channels <n>          interleaved channels, averaged to mono (default 1)
            --format s16le|f32le    16-bit signed or 32-bit float little-endian samples (default s16le)
    """;

    /// <summary>The raw format the options describe, or null for a WAV stream.</summary>
    public static WavFormat? RawFormat(ParsedArguments commandLine)
    {
        if (!commandLine.Flag("--raw"))
        {
            foreach (string option in ValueOptions)
            {
                if (commandLine.Option(option) is not null)
                {
                    throw new UsageException($"{option} describes a raw stream: give --raw too");
                }
            }
            return null;
        }
        if (commandLine.Option("--rate") is null)
        {
            throw new UsageException("--raw needs --rate <Hz>");
        }
        int rate = commandLine.IntOption("--rate", 0, 1, WavReader.MaxSampleRate);
        int channels = commandLine.IntOption("--channels", 1, 1, WavReader.MaxChannels);
        WavEncoding encoding = commandLine.Option("--format") switch
        {
            null or "s16le" => WavEncoding.Int16,
            "f32le" => WavEncoding.Float32,
            string other => throw new UsageException($"--format must be s16le or f32le, got '{other}'"),
        };
        return new WavFormat(encoding, channels, rate);
    }

    /// <summary>Opens <paramref name="path"/> ('-' = standard input) and reads as far as the first sample.</summary>
    public static AudioStreamReader Open(string path, WavFormat? raw)
    {
        Stream stream = AudioFile.Open(path);
        try
        {
            return raw is WavFormat format ? OpenRaw(stream, format) : AudioStreamReader.OpenWav(stream);
        }
        catch (WavFormatException e)
        {
            stream.Dispose();
            throw new InputException($"{AudioFile.Display(path)}: {e.Message}");
        }
    }

    private static AudioStreamReader OpenRaw(Stream stream, WavFormat format)
    {
        byte[] start = new byte[4];
        int got = 0;
        while (got < start.Length && stream.Read(start, got, start.Length - got) is int n and > 0)
        {
            got += n;
        }
        var whole = new PrefixedStream(start[..got], stream);
        if (got < 4 || !start.AsSpan().SequenceEqual("RIFF"u8))
        {
            return AudioStreamReader.OpenRaw(whole, format);
        }
        AudioStreamReader wav = AudioStreamReader.OpenWav(whole);
        if (wav.Format != format)
        {
            throw new WavFormatException($"the stream has a WAV header saying {Describe(wav.Format)}, but the options say {Describe(format)} (drop --raw to read it as WAV)");
        }
        return wav;
    }

    private static string Describe(WavFormat f) => $"{f.Encoding} x {f.Channels} channel{(f.Channels == 1 ? "" : "s")} at {f.SampleRate} Hz";
}
