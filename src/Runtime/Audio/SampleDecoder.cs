using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Kws.Runtime.Audio;

/// <summary>
/// Interleaved WAV frames to mono float32, scaled as torchaudio.load scales them and averaged over the channels as
/// torch.mean does: the channels' samples added in order, then divided by the channel count. PCM16 and float32 with one
/// or two channels (what recorders write) go through vector code; it does the same float operations on each frame as
/// the scalar loop, so the result has the same bits on every path.
/// </summary>
public static class SampleDecoder
{
    private const float Int16Scale = 1f / 32768f;  // exact: a power of two, so x * scale == x / 32768

    /// <summary>Decodes <c>mono.Length</c> frames from the start of <paramref name="data"/>.</summary>
    public static void Decode(ReadOnlySpan<byte> data, WavFormat format, Span<float> mono)
    {
        if ((long)mono.Length * format.FrameBytes > data.Length)
        {
            throw new ArgumentException($"{data.Length} bytes hold fewer than {mono.Length} frames", nameof(data));
        }
        int done = 0;
        if (Vector.IsHardwareAccelerated && BitConverter.IsLittleEndian)
        {
            done = (format.Encoding, format.Channels) switch
            {
                (WavEncoding.Int16, 1) => Int16Mono(MemoryMarshal.Cast<byte, short>(data), mono),
                (WavEncoding.Int16, 2) => Int16Stereo(MemoryMarshal.Cast<byte, int>(data), mono),
                (WavEncoding.Float32, 1) => Float32Mono(MemoryMarshal.Cast<byte, float>(data), mono),
                (WavEncoding.Float32, 2) => Float32Stereo(MemoryMarshal.Cast<byte, float>(data), mono),
                _ => 0,
            };
        }
        int frameBytes = format.FrameBytes, bytesPerSample = format.BytesPerSample;
        for (int f = done; f < mono.Length; f++)
        {
            ReadOnlySpan<byte> frame = data.Slice(f * frameBytes, frameBytes);
            float sum = SampleAt(frame, format.Encoding);
            for (int c = 1; c < format.Channels; c++)
            {
                sum += SampleAt(frame[(c * bytesPerSample)..], format.Encoding);
            }
            mono[f] = format.Channels == 1 ? sum : sum / format.Channels;
        }
    }

    /// <summary>The index of the first NaN or infinity in <paramref name="samples"/>, or -1.</summary>
    public static int FirstNonFinite(ReadOnlySpan<float> samples)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            // x - x is 0 for a finite x and NaN for NaN or an infinity; any NaN makes the lane unequal to itself.
            for (; i + Vector<float>.Count <= samples.Length; i += Vector<float>.Count)
            {
                var v = new Vector<float>(samples[i..]);
                var d = v - v;
                if (!Vector.EqualsAll(d, d))
                {
                    break;
                }
            }
        }
        for (; i < samples.Length; i++)
        {
            if (!float.IsFinite(samples[i]))
            {
                return i;
            }
        }
        return -1;
    }

    private static int Int16Mono(ReadOnlySpan<short> codes, Span<float> mono)
    {
        int n = mono.Length - mono.Length % Vector<short>.Count;
        var scale = new Vector<float>(Int16Scale);
        Span<Vector<float>> output = MemoryMarshal.Cast<float, Vector<float>>(mono[..n]);
        ReadOnlySpan<Vector<short>> input = MemoryMarshal.Cast<short, Vector<short>>(codes[..n]);
        for (int v = 0; v < input.Length; v++)
        {
            Vector.Widen(input[v], out Vector<int> low, out Vector<int> high);
            output[2 * v] = Vector.ConvertToSingle(low) * scale;
            output[2 * v + 1] = Vector.ConvertToSingle(high) * scale;
        }
        return n;
    }

    /// <summary>Each int holds a frame: left in the low 16 bits, right in the high ones.</summary>
    private static int Int16Stereo(ReadOnlySpan<int> frames, Span<float> mono)
    {
        int n = mono.Length - mono.Length % Vector<int>.Count;
        var scale = new Vector<float>(Int16Scale);
        var two = new Vector<float>(2f);
        Span<Vector<float>> output = MemoryMarshal.Cast<float, Vector<float>>(mono[..n]);
        ReadOnlySpan<Vector<int>> input = MemoryMarshal.Cast<int, Vector<int>>(frames[..n]);
        for (int v = 0; v < input.Length; v++)
        {
            Vector<float> left = Vector.ConvertToSingle(Vector.ShiftRightArithmetic(Vector.ShiftLeft(input[v], 16), 16)) * scale;
            Vector<float> right = Vector.ConvertToSingle(Vector.ShiftRightArithmetic(input[v], 16)) * scale;
            output[v] = (left + right) / two;
        }
        return n;
    }

    private static int Float32Mono(ReadOnlySpan<float> samples, Span<float> mono)
    {
        samples[..mono.Length].CopyTo(mono);
        return mono.Length;
    }

    private static int Float32Stereo(ReadOnlySpan<float> samples, Span<float> mono)
    {
        int lanes = Vector<float>.Count;
        int n = mono.Length - mono.Length % lanes;
        var two = new Vector<float>(2f);
        Span<float> pair = stackalloc float[2 * lanes];
        for (int f = 0; f < n; f += lanes)
        {
            // Deal the interleaved pairs into left and right vectors.
            ReadOnlySpan<float> block = samples.Slice(2 * f, 2 * lanes);
            for (int i = 0; i < lanes; i++)
            {
                pair[i] = block[2 * i];
                pair[lanes + i] = block[2 * i + 1];
            }
            var left = new Vector<float>(pair);
            var right = new Vector<float>(pair[lanes..]);
            ((left + right) / two).CopyTo(mono[f..]);
        }
        return n;
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
}
