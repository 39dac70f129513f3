using BenchmarkDotNet.Attributes;
using Kws.Benchmarks.Configuration;
using Kws.Runtime.Audio;

namespace Kws.Benchmarks.Suites;

/// <summary>
/// The audio front end alone, per format (issue 17 target 1): WAV bytes already in memory to the model's 8,000 samples
/// at 8 kHz. The 16 kHz PCM16 mono clip is the bundled "yes" sample; the others are the same second of audio written in
/// the other common formats and rates. Also the streaming resampler, 16 kHz to 8 kHz, a second of audio per call in
/// 100 ms pieces, as <c>kws listen</c> feeds it. Each call should allocate nothing (MemoryDiagnoser).
/// </summary>
[BenchmarkCategory("FrontEnd")]
[MeasuredJob]
[MemoryDiagnoser]
public class FrontEndLatency
{
    private readonly Dictionary<string, byte[]> _wavs = [];
    private readonly float[] _input = new float[BenchmarkClips.InputLength];
    private readonly AudioFrontEnd _frontEnd = new(BenchmarkClips.SampleRate, BenchmarkClips.InputLength);
    private float[] _second = [];
    private float[] _resampled = [];
    private StreamingResampler _stream = null!;

    [Params("pcm16 16k mono", "pcm16 16k stereo", "float32 16k mono", "pcm16 44.1k mono", "pcm16 48k mono")]
    public string Format { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        byte[] clip = File.ReadAllBytes(BenchmarkClips.FirstWavPath());
        float[] samples = WavReader.Read(clip).Samples;
        _wavs["pcm16 16k mono"] = clip;
        _wavs["pcm16 16k stereo"] = Wav(samples, 16000, channels: 2, floats: false);
        _wavs["float32 16k mono"] = Wav(samples, 16000, channels: 1, floats: true);
        _wavs["pcm16 44.1k mono"] = Wav(new SincResampler(16000, 44100).Resample(samples), 44100, 1, floats: false);
        _wavs["pcm16 48k mono"] = Wav(new SincResampler(16000, 48000).Resample(samples), 48000, 1, floats: false);
        _second = samples;
        _stream = new StreamingResampler(new SincResampler(16000, 8000), chunkSamples: 1600);
        _resampled = new float[_stream.MaxOutputLength(1600)];
    }

    [Benchmark(Description = "front end: WAV bytes -> 8000 samples")]
    public float FrontEnd()
    {
        _frontEnd.Prepare(_wavs[Format], _input);
        return _input[0];
    }

    [Benchmark(Description = "streaming resampler: 1 s at 16 kHz in 100 ms pieces")]
    public int StreamedSecond()
    {
        int outputs = 0;
        for (int at = 0; at + 1600 <= _second.Length; at += 1600)
        {
            outputs += _stream.Write(_second.AsSpan(at, 1600), _resampled);
        }
        return outputs;
    }

    private static byte[] Wav(float[] samples, int rate, int channels, bool floats)
    {
        int bytesPerSample = floats ? 4 : 2;
        var data = new byte[samples.Length * channels * bytesPerSample];
        for (int i = 0; i < samples.Length; i++)
        {
            for (int c = 0; c < channels; c++)
            {
                Span<byte> at = data.AsSpan((i * channels + c) * bytesPerSample);
                if (floats)
                {
                    BitConverter.TryWriteBytes(at, samples[i]);
                }
                else
                {
                    BitConverter.TryWriteBytes(at, (short)Math.Clamp(Math.Round(samples[i] * 32768f), -32768, 32767));
                }
            }
        }
        using var file = new MemoryStream();
        using var w = new BinaryWriter(file);
        w.Write("RIFF"u8);
        w.Write(36 + data.Length);
        w.Write("WAVEfmt "u8);
        w.Write(16);
        w.Write((short)(floats ? 3 : 1));
        w.Write((short)channels);
        w.Write(rate);
        w.Write(rate * channels * bytesPerSample);
        w.Write((short)(channels * bytesPerSample));
        w.Write((short)(8 * bytesPerSample));
        w.Write("data"u8);
        w.Write(data.Length);
        w.Write(data);
        w.Flush();
        return file.ToArray();
    }
}
