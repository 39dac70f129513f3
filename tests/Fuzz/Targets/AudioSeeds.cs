using System.Buffers.Binary;
using Kws.Runtime.Audio;

namespace Kws.Fuzz.Targets;

/// <summary>
/// Seeds of the WAV and stream targets: every committed recording's header with its first frames (the headers are what
/// the readers branch on; a short data chunk mutates fast), one whole clip, and small versions of the hostile WAV files
/// of issue #19 and tests/EndToEnd.
/// </summary>
internal static class AudioSeeds
{
    private const int FramesKept = 64;

    public static IEnumerable<(string Name, byte[] Bytes)> All(string repository)
    {
        foreach (var (name, bytes) in RepositoryFiles.Matching(repository, "models/samples/formats", "*.wav")
                     .Concat(RepositoryFiles.Matching(repository, "models/samples/long", "*.wav")))
        {
            yield return (name, Shortened(bytes));
        }
        foreach (var clip in RepositoryFiles.Matching(repository, "models/samples/clips/yes", "*.wav").Take(1))
        {
            yield return clip;
        }
        yield return ("2hz.wav", Wav(1, 1, 2, 16, new byte[2 * 3000]));
        yield return ("1hz.wav", Wav(1, 1, 1, 16, new byte[2 * 100]));
        yield return ("7919hz.wav", Wav(1, 1, 7919, 16, Ramp(128)));
        yield return ("44056hz.wav", Wav(1, 1, 44056, 16, Ramp(128)));
        yield return ("999983hz.wav", Wav(1, 1, 999_983, 16, Ramp(128)));
        yield return ("no-samples.wav", Wav(1, 1, 16000, 16, []));
        yield return ("nan.wav", Wav(3, 1, 16000, 32, [0, 0, 0xC0, 0x7F, 0, 0, 0x80, 0x7F]));
        yield return ("placeholder-0.wav", Wav(1, 1, 16000, 16, Ramp(64), declaredDataSize: 0));
        yield return ("placeholder-ffffffff.wav", Wav(1, 1, 16000, 16, Ramp(64), declaredDataSize: uint.MaxValue));
        yield return ("1024-channels.wav", Wav(1, 1024, 8000, 8, new byte[1024]));
        yield return ("float64.wav", Wav(3, 2, 22050, 64, new byte[16 * 8]));
        yield return ("pcm24.wav", Wav(1, 1, 48000, 24, new byte[3 * 16]));
        yield return ("pcm32.wav", Wav(1, 1, 48000, 32, new byte[4 * 16]));
        yield return ("extensible-float.wav", Extensible(3, 2, 44100, 32, new byte[8 * 16]));
        yield return ("odd-chunk.wav", [.. Wav(1, 1, 8000, 16, Ramp(16))[..36], .. "LIST"u8, 3, 0, 0, 0, 1, 2, 3, 0, .. Wav(1, 1, 8000, 16, Ramp(16))[36..]]);
        yield return ("junk-2mb.wav", [.. Wav(1, 1, 8000, 16, Ramp(16))[..12], .. "JUNK"u8, 0, 0, 0x20, 0, 1, 2, 3, 4]);
        yield return ("rf64.wav", [.. "RF64"u8, 0xFF, 0xFF, 0xFF, 0xFF, .. "WAVE"u8]);
        yield return ("avi.wav", [.. "RIFF"u8, 4, 0, 0, 0, .. "AVI "u8]);
        yield return ("text.wav", "these are not audio samples\n"u8.ToArray());
    }

    /// <summary>Raw PCM for the stream target (<see cref="StreamTarget.RawFormat"/>): s16le and f32le, mono to 4 channels, odd rates.</summary>
    public static IEnumerable<(string Name, byte[] Bytes)> Raw()
    {
        static byte[] Head(int kind, int rate) => [(byte)kind, (byte)rate, (byte)(rate >> 8), (byte)(rate >> 16)];
        yield return ("raw-s16-16k.raw", [.. Head(0, 16000), .. Ramp(256)]);
        yield return ("raw-f32-stereo-44k.raw", [.. Head(3, 44100), .. new byte[8 * 64]]);
        yield return ("raw-s16-4ch-1hz.raw", [.. Head(6, 1), .. Ramp(16)]);
        yield return ("raw-f32-inf.raw", [.. Head(1, 8000), 0, 0, 0x80, 0x7F]);
        yield return ("raw-mid-sample.raw", [.. Head(0, 8000), 1, 2, 3]);
        yield return ("raw-rate-0.raw", [.. Head(0, 0), 1, 2]);
    }

    /// <summary>The header of <paramref name="wav"/> and its first frames, the data size set to match.</summary>
    private static byte[] Shortened(byte[] wav)
    {
        WavLayout layout = WavReader.Locate(wav);
        int keep = Math.Min(layout.DataLength, FramesKept * layout.Format.FrameBytes);
        byte[] shortened = wav[..(layout.DataOffset + keep)];
        BinaryPrimitives.WriteInt32LittleEndian(shortened.AsSpan(layout.DataOffset - 4), keep);
        return shortened;
    }

    private static byte[] Ramp(int samples)
    {
        var data = new byte[2 * samples];
        for (int i = 0; i < samples; i++) BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(2 * i), (short)(i * 397 % 4000 - 2000));
        return data;
    }

    private static byte[] Wav(ushort tag, int channels, int rate, int bits, byte[] data, uint? declaredDataSize = null)
    {
        byte[] fmt = Format(tag, channels, rate, bits);
        return [.. "RIFF"u8, .. Le32(36 + data.Length), .. "WAVEfmt "u8, .. Le32(fmt.Length), .. fmt, .. "data"u8, .. Le32((int)(declaredDataSize ?? (uint)data.Length)), .. data];
    }

    /// <summary>WAVE_FORMAT_EXTENSIBLE with sub-format <paramref name="subFormat"/> (1 PCM, 3 float).</summary>
    private static byte[] Extensible(ushort subFormat, int channels, int rate, int bits, byte[] data)
    {
        byte[] fmt = [.. Format(0xFFFE, channels, rate, bits), 22, 0, (byte)bits, 0, 3, 0, 0, 0, (byte)subFormat, 0,
            0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];
        return [.. "RIFF"u8, .. Le32(20 + fmt.Length + data.Length), .. "WAVEfmt "u8, .. Le32(fmt.Length), .. fmt, .. "data"u8, .. Le32(data.Length), .. data];
    }

    private static byte[] Format(ushort tag, int channels, int rate, int bits)
    {
        int align = channels * bits / 8;
        var fmt = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(fmt, tag);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(2), (ushort)channels);
        BinaryPrimitives.WriteInt32LittleEndian(fmt.AsSpan(4), rate);
        BinaryPrimitives.WriteInt32LittleEndian(fmt.AsSpan(8), rate * align);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(12), (ushort)align);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(14), (ushort)bits);
        return fmt;
    }

    private static byte[] Le32(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }
}
