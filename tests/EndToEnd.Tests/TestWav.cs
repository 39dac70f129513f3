using System.Buffers.Binary;

namespace Kws.EndToEnd.Tests;

/// <summary>Small WAV files for end-to-end tests: a format chunk, a data chunk, and whatever the test needs inside.</summary>
internal static class TestWav
{
    public static byte[] Build(ushort tag, int channels, int rate, int bits, byte[] data, uint? declaredDataSize = null)
    {
        var file = new byte[44 + data.Length];
        "RIFF"u8.CopyTo(file);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(4), 36 + data.Length);
        "WAVEfmt "u8.CopyTo(file.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(16), 16);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(20), tag);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(22), (ushort)channels);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(24), rate);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(28), rate * channels * bits / 8);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(32), (ushort)(channels * bits / 8));
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(34), (ushort)bits);
        "data"u8.CopyTo(file.AsSpan(36));
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(40), declaredDataSize ?? (uint)data.Length);
        data.CopyTo(file, 44);
        return file;
    }

    /// <summary>A PCM16 mono WAV of <paramref name="samples"/> samples of a quiet ramp.</summary>
    public static byte[] Pcm16(int rate, int samples)
    {
        var data = new byte[2 * samples];
        for (int i = 0; i < samples; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(2 * i), (short)(i % 2000 - 1000));
        }
        return Build(1, 1, rate, 16, data);
    }

    public static byte[] Float32(int rate, params float[] samples)
    {
        var data = new byte[4 * samples.Length];
        for (int i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4 * i), samples[i]);
        }
        return Build(3, 1, rate, 32, data);
    }

    /// <summary>The samples of a WAV file whose header is the plain 44 bytes this class writes (the committed recordings' is).</summary>
    public static byte[] DataOf(byte[] wav)
    {
        int data = wav.AsSpan().IndexOf("data"u8);
        return wav[(data + 8)..];
    }
}

/// <summary>The shape every refusal has: the exit code, one line on stderr naming the problem, no stack trace.</summary>
internal static class OneLineError
{
    public static void Assert(ProcessResult result, int exitCode, string mention)
    {
        NUnit.Framework.Assert.Multiple(() =>
        {
            NUnit.Framework.Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.ToString());
            NUnit.Framework.Assert.That(result.ErrorLines, Has.Length.EqualTo(1), result.ToString());
            NUnit.Framework.Assert.That(result.StandardError, Does.StartWith("kws: error: ").And.Contain(mention), result.ToString());
            NUnit.Framework.Assert.That(result.StandardError, Does.Not.Contain("   at "), "no stack trace");
        });
    }
}
