using System.Buffers.Binary;
using Kws.Runtime;
using Kws.Runtime.Audio;
using Kws.Runtime.Detection;

namespace Kws.Fuzz.Targets;

/// <summary>
/// A stream through what <c>kws listen</c> and <c>kws detect</c> do: <see cref="AudioStreamReader"/> on bytes that
/// arrive in odd pieces (<see cref="PiecewiseStream"/>), then the <see cref="StreamingDetector"/> (streaming resampler
/// from the stream's rate, windows, recognizer) on a stand-in model. An input that starts with "RIFF" is a WAV stream;
/// any other is raw PCM whose format its first four bytes give (<see cref="RawFormat"/>), as <c>--raw --rate --channels
/// --format</c> would. A WAV stream's samples must equal the file reader's. Each input is read for at most
/// <see cref="SecondsRead"/> seconds of audio (a live stream has no end; the time per second is what is bounded).
/// Bad input ends in <see cref="WavFormatException"/>; anything else is a finding.
/// </summary>
public sealed class StreamTarget : IFuzzTarget
{
    private const double SecondsRead = 2;

    public string Name => "stream";

    public IEnumerable<(string Name, byte[] Bytes)> Seeds(string repository) =>
    [
        .. AudioSeeds.All(repository),
        .. AudioSeeds.Raw(),
    ];

    /// <summary>
    /// The raw format of a non-WAV input: byte 0 bit 0 picks s16le (0) or f32le (1), bits 1-2 the channels (1 to 4),
    /// bytes 1-3 the rate in Hz (little-endian); the samples follow.
    /// </summary>
    public static WavFormat RawFormat(ReadOnlySpan<byte> head) =>
        new((head[0] & 1) == 0 ? WavEncoding.Int16 : WavEncoding.Float32, 1 + ((head[0] >> 1) & 3), head[1] | (head[2] << 8) | (head[3] << 16));

    public void Run(byte[] input)
    {
        bool wav = input.AsSpan().StartsWith("RIFF"u8);
        if (!wav && input.Length < 4) return;
        using AudioStreamReader reader = wav
            ? AudioStreamReader.OpenWav(new PiecewiseStream(input))
            : AudioStreamReader.OpenRaw(new PiecewiseStream(input[4..]), RawFormat(input));
        int rate = reader.Format.SampleRate;
        long budget = (long)Math.Ceiling(SecondsRead * rate);
        var detector = new StreamingDetector(new StandInModel(), rate, _ => { });
        var samples = new float[Math.Min(reader.MaxFramesPerRead, budget)];
        var decoded = new List<float>();
        int frames;
        while (reader.FramesRead < budget && (frames = reader.Read(samples.AsSpan(0, (int)Math.Min(samples.Length, budget - reader.FramesRead)))) > 0)
        {
            decoded.AddRange(samples.AsSpan(0, frames));
            detector.Write(samples.AsSpan(0, frames));
        }
        detector.Finish();
        if (wav)
        {
            CompareWithTheFileReader(input, decoded);
        }
    }

    public bool IsReaderError(Exception e) => e is WavFormatException;

    /// <summary>Where the file reader also accepts the bytes, the stream's samples are its first samples.</summary>
    private static void CompareWithTheFileReader(byte[] input, List<float> decoded)
    {
        WavAudio whole;
        try
        {
            whole = WavReader.Read(input);
        }
        catch (WavFormatException)
        {
            return; // it checks what a stream cannot (e.g. chunks after the data, the data's length against the file's)
        }
        if (whole.Samples.Length < decoded.Count || !whole.Samples.AsSpan(0, decoded.Count).SequenceEqual(decoded.ToArray()))
        {
            throw new InvalidOperationException("the stream reader's samples differ from the file reader's");
        }
    }

    /// <summary>A model that costs nothing: 8 kHz, one second, three labels, its scores a function of the window's middle sample.</summary>
    private sealed class StandInModel : IKeywordModel
    {
        public string Name => "StandIn";
        public IReadOnlyList<string> Labels { get; } = ["a", "b", "c"];
        public int SampleRate => 8000;
        public int InputLength => 8000;
        public long WeightBytes => 0;
        public int ScratchBytes => 0;
        public string SimdPath => "Scalar";

        public void Infer(ReadOnlySpan<float> samples, Span<float> logProbs)
        {
            float s = 20 * samples[InputLength / 2];
            float norm = MathF.Log(MathF.Exp(s) + MathF.Exp(-s) + 1);
            logProbs[0] = s - norm;
            logProbs[1] = -s - norm;
            logProbs[2] = -norm;
        }
    }
}
