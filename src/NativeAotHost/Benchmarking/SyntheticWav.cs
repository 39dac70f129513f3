using System.Buffers.Binary;

namespace Kws.Host.Benchmarking;

/// <summary>
/// The clip <c>kws bench</c> times the front end and the whole path on: <see cref="InferenceTimer.SyntheticInput"/>'s
/// signal at <see cref="SampleRate"/>, as the bytes of a mono 16-bit PCM WAV file in memory (what a recorder writes),
/// long enough to fill the model's input after resampling.
/// </summary>
internal static class SyntheticWav
{
    public const int SampleRate = 16000;

    public static byte[] Pcm16(int modelInputLength, int modelSampleRate)
    {
        int frames = (int)((long)modelInputLength * SampleRate / modelSampleRate);
        float[] signal = InferenceTimer.SyntheticInput(frames, SampleRate);
        var file = new byte[44 + 2 * frames];
        Span<byte> header = file;
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], file.Length - 8);
        "WAVEfmt "u8.CopyTo(header[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(header[20..], 1);              // PCM
        BinaryPrimitives.WriteInt16LittleEndian(header[22..], 1);              // mono
        BinaryPrimitives.WriteInt32LittleEndian(header[24..], SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(header[28..], 2 * SampleRate); // bytes per second
        BinaryPrimitives.WriteInt16LittleEndian(header[32..], 2);              // bytes per frame
        BinaryPrimitives.WriteInt16LittleEndian(header[34..], 16);             // bits per sample
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[40..], 2 * frames);
        for (int i = 0; i < frames; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(44 + 2 * i), (short)Math.Round(signal[i] * 32767));
        }
        return file;
    }
}
